/// How text output marks what must not be missed: plainly, or with a terminal's colour
/// and weight. Only alerts are marked, so that they stand out from everything else.
public enum TextStyle: Sendable {
    /// No control characters: files, pipes, and terminals when `NO_COLOR` is set.
    case plain
    /// ANSI bold red, for a terminal.
    case terminal

    /// The style for standard output: a terminal's unless it is not one or `NO_COLOR`
    /// (no-color.org) is set to anything but the empty string.
    public static func forOutput(isTerminal: Bool, environment: [String: String]) -> TextStyle {
        guard isTerminal else { return .plain }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .plain }
        return .terminal
    }

    /// Text for a terminal: every control character that came from the input made visible
    /// (`TerminalText`), then the alert blocks (each as the plain text holds it) marked. The
    /// order matters: the marks are the only control characters that reach the terminal.
    func safe(_ text: String, alerts blocks: [String]) -> String {
        var safe = TerminalText.escapingControls(text)
        guard self == .terminal else { return safe }
        for block in blocks.map(TerminalText.escapingControls) where !block.isEmpty {
            if let range = safe.range(of: block) { safe.replaceSubrange(range, with: alert(block)) }
        }
        return safe
    }

    /// Lines marked as an alert; each line on its own, so a pager or a wrapped line never
    /// carries the colour on.
    public func alert(_ lines: String) -> String {
        guard self == .terminal else { return lines }
        return lines.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.isEmpty ? "" : "\u{1B}[1;31m" + line + "\u{1B}[0m"
        }.joined(separator: "\n")
    }
}

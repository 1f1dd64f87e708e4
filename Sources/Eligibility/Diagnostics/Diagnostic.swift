/// One problem found in a file a person wrote, printed the way compilers print them:
/// `file:line:column: error: message`, then the offending line and a caret under the column.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var file: String
    public var location: SourceLocation?
    public var severity: Severity
    public var message: String
    /// The text of the offending line, when the file is at hand.
    public var sourceLine: String?
    /// The input was read as far as a limit (`YAMLLimits`: keys in an object, depth,
    /// size) and no further: well-formed so far, refused for its size or shape. A server
    /// answers it as content it will not process (422), not as a syntax error (400), and
    /// without reading the rest to tell which.
    public var isBeyondLimits = false

    public init(file: String, location: SourceLocation?, severity: Severity = .error, message: String, sourceLine: String? = nil) {
        self.file = file
        self.location = location
        self.severity = severity
        self.message = message
        self.sourceLine = sourceLine
    }

    /// The first line only: `file:line:column: error: message`.
    public var headline: String {
        if let location {
            return "\(file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
        }
        return "\(file): \(severity.rawValue): \(message)"
    }

    public var description: String {
        guard let location, let sourceLine else { return headline }
        let (shown, column) = Self.window(sourceLine, column: location.column)
        let caretIndent = String(repeating: " ", count: max(0, column - 1))
        return "\(headline)\n\(shown)\n\(caretIndent)^"
    }

    /// Lines longer than this many bytes are shown in part (a long `because:` in a rule
    /// file is shown whole)...
    static let wholeLineBytes = 240
    /// ...as this many bytes around the column.
    static let shownLineBytes = 160

    /// A long line cut to the bytes around the column, with "..." where it was cut, and
    /// the column within what is shown: a problem on a 260 KB line of JSON is shown on a
    /// line of a terminal's width, not a quarter of a megabyte per problem.
    static func window(_ line: String, column: Int) -> (text: String, column: Int) {
        let bytes = Array(line.utf8)
        guard bytes.count > wholeLineBytes else { return (line, column) }
        let at = min(max(column - 1, 0), bytes.count)
        let half = shownLineBytes / 2
        var start = max(0, at - half)
        var end = min(bytes.count, start + shownLineBytes)
        start = max(0, min(start, end - shownLineBytes))
        // Cut between characters, never inside one (continuation bytes are 10xxxxxx).
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let before = start > 0 ? "..." : ""
        let after = end < bytes.count ? "..." : ""
        return (before + String(decoding: bytes[start..<end], as: UTF8.self) + after, column - start + before.count)
    }
}

/// Every problem found while loading, in file and line order. Nothing that failed is used.
public struct LoadFailure: Error, Sendable, CustomStringConvertible {
    /// Why loading failed: the input could not be had at all, or it was had and is wrong.
    public enum Cause: Sendable {
        /// A named folder or file does not exist, holds no rule files, or cannot be read.
        case unreadable
        /// The text was read and has problems (each diagnostic names where).
        case invalid
    }

    public var diagnostics: [Diagnostic]
    public var cause: Cause
    /// Problems found beyond the input's budget (`PatientDecoder.reportedProblems`):
    /// counted, not worded.
    public var unreported: Int

    public init(_ diagnostics: [Diagnostic], cause: Cause = .invalid, unreported: Int = 0) {
        self.diagnostics = diagnostics
        self.cause = cause
        self.unreported = unreported
    }

    /// The line that ends a report cut at its budget: `and 980 more problems`.
    public var unreportedLine: String? {
        unreported > 0 ? "and \(unreported) more problem\(unreported == 1 ? "" : "s")" : nil
    }

    public var description: String {
        (diagnostics.map(\.description) + [unreportedLine].compactMap { $0 }).joined(separator: "\n")
    }
}

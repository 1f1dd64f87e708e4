import ArgumentParser
import Eligibility
import Foundation

/// Standard output and error, and the common way commands fail.
enum Terminal {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// A report for a person, as `format` renders it: text and Markdown with their control
    /// characters made visible (`TerminalText`); JSON and HTML as they are.
    static func out(_ text: String, as format: ReportFormat) {
        out(format == .text || format == .markdown ? TerminalText.escapingControls(text) : text)
    }

    /// A message to standard error, its control characters made visible: a diagnostic
    /// quotes the input's line, which may hold any.
    static func error(_ text: String) {
        let safe = TerminalText.escapingControls(text)
        FileHandle.standardError.write(Data((safe.hasSuffix("\n") ? safe : safe + "\n").utf8))
    }

    /// Prints every diagnostic to standard error and stops with the given status.
    static func fail(_ failure: LoadFailure, code: Int32) -> ExitCode {
        error(failure.description)
        return ExitCode(code)
    }

    static var isTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// How standard output marks alerts: colour on a terminal, unless `NO_COLOR` is set.
    static var style: TextStyle {
        TextStyle.forOutput(isTerminal: isatty(STDOUT_FILENO) != 0, environment: ProcessInfo.processInfo.environment)
    }

    /// An alert's text as standard output shows it.
    static func alert(_ text: String) -> String { style.alert(text) }
}

import ArgumentParser
import Eligibility
import Foundation

/// Standard output and error, and the common way commands fail.
enum Terminal {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Prints every diagnostic to standard error and stops with the given status.
    static func fail(_ failure: LoadFailure, code: Int32) -> ExitCode {
        error(failure.description)
        return ExitCode(code)
    }

    static var isTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}

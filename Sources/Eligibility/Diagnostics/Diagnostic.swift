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
        let caretIndent = String(repeating: " ", count: max(0, location.column - 1))
        return "\(headline)\n\(sourceLine)\n\(caretIndent)^"
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

    public init(_ diagnostics: [Diagnostic], cause: Cause = .invalid) {
        self.diagnostics = diagnostics
        self.cause = cause
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

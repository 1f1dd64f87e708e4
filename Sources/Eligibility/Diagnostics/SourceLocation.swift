/// A 1-based line and column in a text file.
public struct SourceLocation: Sendable, Hashable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// Where a rule came from: the file as the user named it, and the line.
public struct RuleOrigin: Sendable, Hashable {
    /// The path as the user named it, for messages to the rule's author.
    public var file: String
    /// The path under the rules folder (`se/employment.yaml`), for explanations.
    public var shownFile: String
    public var location: SourceLocation

    public init(file: String, shownFile: String? = nil, location: SourceLocation) {
        self.file = file
        self.shownFile = shownFile ?? file
        self.location = location
    }

    /// `se/employment.yaml:41`, the form used in explanations: relative to the rules
    /// folder, whichever folder the server or the command was started in.
    public var reference: String { "\(shownFile):\(location.line)" }
}

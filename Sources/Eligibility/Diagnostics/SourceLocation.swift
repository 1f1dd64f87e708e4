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
    public var file: String
    public var location: SourceLocation

    public init(file: String, location: SourceLocation) {
        self.file = file
        self.location = location
    }

    /// `rules/se/employment.yaml:41`, the form used in explanations.
    public var reference: String { "\(file):\(location.line)" }
}

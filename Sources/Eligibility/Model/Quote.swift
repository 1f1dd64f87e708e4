/// A passage of a seed study quoted word for word, as the evidence for a rule that can
/// make a patient wait. Only white space may differ from the study's text.
public struct Quote: Sendable, Hashable {
    /// The id of a source of kind `seed`.
    public var seed: String
    public var text: String
    public var location: SourceLocation

    public init(seed: String, text: String, location: SourceLocation) {
        self.seed = seed
        self.text = text
        self.location = location
    }

    /// The text with every run of white space made one space and the ends trimmed: the
    /// form in which a quote is compared with the study.
    public static func normalizingSpace(_ text: some StringProtocol) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

/// What a link between rules rests on: the sources it cites and the passages it quotes.
public struct Citation: Sendable {
    public var sources: [SourceReference]
    public var quotes: [Quote]
    /// Where the citation is written (the comparison, the enclosing condition or the rule).
    public var origin: RuleOrigin

    public init(sources: [SourceReference], quotes: [Quote], origin: RuleOrigin) {
        self.sources = sources
        self.quotes = quotes
        self.origin = origin
    }

    public var isEmpty: Bool { sources.isEmpty && quotes.isEmpty }
}

extension Condition {
    /// Each comparison with where it is written, whether the condition wants it to hold
    /// (false under an odd number of `not`s) and the citation it rests on: its own
    /// `source:`/`quote:`, else that of the nearest enclosing condition, else `inherited`
    /// (the rule's own).
    public func comparisonsWithCitations(inherited: Citation, wantTrue: Bool = true)
        -> [(comparison: Comparison, origin: RuleOrigin, wantTrue: Bool, citation: Citation)] {
        let own = note
        let citation = own.sources.isEmpty && own.quotes.isEmpty
            ? inherited : Citation(sources: own.sources, quotes: own.quotes, origin: own.origin)
        switch self {
        case .all(let parts, _), .any(let parts, _):
            return parts.flatMap { $0.comparisonsWithCitations(inherited: citation, wantTrue: wantTrue) }
        case .not(let inner, _):
            return inner.comparisonsWithCitations(inherited: citation, wantTrue: !wantTrue)
        case .compare(let comparison, let note):
            return [(comparison, note.origin, wantTrue, citation)]
        }
    }
}

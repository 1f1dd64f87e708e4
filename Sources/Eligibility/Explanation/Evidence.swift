/// What one link between rules rests on, shown beside a deadlock's edges so that a case
/// manager can judge it: a seed passage quoted word for word, or a cited source.
public struct Evidence: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case quote, source
    }
    public var kind: Kind
    /// The source id (for a quote, the seed study's).
    public var source: String
    /// The quoted passage (white space made single), or the source's citation.
    public var text: String
    /// false for a source that could not be confirmed; a quote is checked against its study.
    public var verified: Bool
    /// What could not be confirmed, for an unverified source.
    public var note: String?
}

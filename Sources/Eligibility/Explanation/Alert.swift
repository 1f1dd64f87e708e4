/// What a GP must see first (contract §6): e.g. acute risk, where the acute route applies.
public struct Alert: Sendable, Hashable {
    public var id: String
    public var text: String
    /// `rules/common/alerts.yaml:12`
    public var rule: String
    /// The cited sources, as their citations.
    public var source: String
}

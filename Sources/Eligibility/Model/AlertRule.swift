/// Something a GP must see first, before any service: e.g. acute risk, where the acute
/// route applies instead of a planned referral.
public struct AlertRule: Sendable {
    public var id: String
    /// When the alert applies, on the patient's own facts.
    public var when: Condition
    /// The alert in plain words, shown first.
    public var text: String
    /// Added to each service marked `planned_referral` while the alert applies.
    public var routeNote: String?
    /// The country whose patients it concerns (the rule file's); nil for all.
    public var jurisdiction: String?
    public var sources: [SourceReference]
    public var origin: RuleOrigin
}

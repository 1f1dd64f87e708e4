/// Something a GP must see first, before any service: e.g. acute risk, where the acute
/// route applies instead of a planned referral.
public struct AlertRule: Sendable {
    public var id: String
    /// When the alert applies, on the patient's own facts.
    public var when: Condition
    /// The alert in plain words, shown first.
    public var text: String
    /// Added to each service marked `planned_referral` while the alert applies. An alert
    /// with one is an acute route: it replaces the planned route, which waits for the
    /// acute assessment.
    public var routeNote: String?
    /// The alert in one short line, for the bottom line (nil: the text).
    public var headline: String? = nil
    /// The country whose patients it concerns (the rule file's); nil for all.
    public var jurisdiction: String?
    public var sources: [SourceReference]
    public var origin: RuleOrigin
}

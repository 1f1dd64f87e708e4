/// What a GP must see first (contract §6): e.g. acute risk, where the acute route applies.
public struct Alert: Sendable, Hashable {
    public var id: String
    public var text: String
    /// The alert in one short line, as the bottom line leads with it.
    public var headline: String
    /// Whether the alert replaces the planned route (acute risk): planned referrals are
    /// not offered as "now" or "next" but wait for the acute assessment.
    public var replacesPlannedRoute: Bool
    /// `common/alerts.yaml:12`
    public var rule: String
    /// The cited sources, as their citations.
    public var source: String
}

extension Report {
    /// The alert that replaces the planned route (acute risk), if one applies.
    public var acuteRoute: Alert? { alerts.first { $0.replacesPlannedRoute } }
}

extension Report {
    /// A service of this report by its short title; the id when it is not in the report.
    public func title(of service: String) -> String {
        services.first { $0.id == service }?.shortTitle ?? service
    }
}

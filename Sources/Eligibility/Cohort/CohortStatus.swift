/// A service's outcome for one patient of a cohort: one of the statuses, or not
/// evaluated (the service is of another country than the patient's, not in force on the
/// evaluation date, or absent from that rule set).
public enum CohortStatus: UInt8, Sendable, CaseIterable, Hashable {
    case eligible, reachable, ineligible, needsInfo, blocked, deadlocked, notEvaluated

    public init(_ status: Status) {
        switch status {
        case .eligible: self = .eligible
        case .reachable: self = .reachable
        case .ineligible: self = .ineligible
        case .needs_info: self = .needsInfo
        case .blocked: self = .blocked
        case .deadlocked: self = .deadlocked
        }
    }

    /// The status, or nil when the service was not evaluated.
    public var status: Status? {
        switch self {
        case .eligible: return .eligible
        case .reachable: return .reachable
        case .ineligible: return .ineligible
        case .needsInfo: return .needs_info
        case .blocked: return .blocked
        case .deadlocked: return .deadlocked
        case .notEvaluated: return nil
        }
    }

    /// The name in JSON and text: the status's own (contract §3), or `not_evaluated`.
    public var name: String { status?.rawValue ?? "not_evaluated" }

    /// The status kept in three bits of an outcome cache entry.
    init(bits: UInt64) { self = CohortStatus(rawValue: UInt8(truncatingIfNeeded: bits & 7)) ?? .notEvaluated }
}

extension Status {
    /// The statuses in the order every front end lists them, a person's most pressing first.
    public static let reading: [Status] = [.eligible, .reachable, .needs_info, .blocked, .deadlocked, .ineligible]

    /// The heading a group of services with this status has in every front end.
    public var heading: String {
        switch self {
        case .eligible: return "Can get now"
        case .reachable: return "Within reach, after the steps"
        case .needs_info: return "Waiting for answers"
        case .blocked: return "Blocked"
        case .deadlocked: return "Deadlocked between agencies"
        case .ineligible: return "Not for this patient"
        }
    }
}

/// Patients per cohort status.
public struct StatusCounts: Sendable, Hashable {
    var counts = Array(repeating: 0, count: CohortStatus.allCases.count)

    public init() {}

    public subscript(_ status: CohortStatus) -> Int {
        get { counts[Int(status.rawValue)] }
        set { counts[Int(status.rawValue)] = newValue }
    }
}

/// Patients per pair of statuses: under the current rules, and under the proposed.
public struct TransitionCounts: Sendable, Hashable {
    var counts = Array(repeating: 0, count: CohortStatus.allCases.count * CohortStatus.allCases.count)

    public init() {}

    public subscript(_ from: CohortStatus, _ to: CohortStatus) -> Int {
        get { counts[Self.index(from, to)] }
        set { counts[Self.index(from, to)] = newValue }
    }

    static func index(_ from: CohortStatus, _ to: CohortStatus) -> Int {
        Int(from.rawValue) * CohortStatus.allCases.count + Int(to.rawValue)
    }
}

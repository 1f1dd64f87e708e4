/// What changes for a population when rules change: statuses per service under both rule
/// sets, who moves from which status to which, and which deadlocks appear or vanish.
/// A service is `notEvaluated` for a patient of another country, or where that rule set
/// lacks it or it is not in force.
public struct DiffReport: Sendable {
    /// One service's move from one status to another.
    public struct Transition: Sendable, Hashable {
        public var service: String
        public var from: CohortStatus
        public var to: CohortStatus

        public init(service: String, from: CohortStatus, to: CohortStatus) {
            self.service = service
            self.from = from
            self.to = to
        }
    }

    public struct DeadlockChange: Sendable, Hashable {
        /// The deadlock's cycle of services and actions, from the smallest id (as in `check`).
        public var cycle: [String]
        public var base: Int
        public var proposed: Int
        /// Patients deadlocked in this cycle under the proposed rules but not the current.
        public var gained: Int
        public var lost: Int

        /// The cycle of ids: `a → b → a`.
        public var cycleText: String { CycleText.closed(cycle) }
    }

    public struct BadLine: Sendable, Hashable {
        public var line: Int
        public var column: Int
        public var message: String
    }

    public var file: String
    /// The dates each side was read on, when the run fixed them (`--as-of`,
    /// `--as-of-proposed`); nil: each line's own date.
    public var currentAsOf: Day?
    public var proposedAsOf: Day?
    public var services: [String]
    /// Services' and steps' titles by id: text and HTML name them so (ids stay in JSON).
    public var titles: [String: String] = [:]
    /// Per service (as `services`): patients per status under each rule set.
    public var baseCounts: [StatusCounts]
    public var proposedCounts: [StatusCounts]
    /// Per service: patients per (current, proposed) pair of statuses.
    public var transitions: [TransitionCounts]
    /// Up to N patient ids per transition that changes a status.
    public var examples: [Transition: [String]]
    public var deadlocks: [DeadlockChange]
    public var linesRead = 0
    public var evaluated = 0
    public var rejected = 0
    /// Patients for whom at least one service's status changes.
    public var patientsChanged = 0
    /// People first: how many patients gain or lose a service, or meet or leave a deadlock.
    public var people = People()

    /// Patients, each counted once, however many services change for them.
    public struct People: Sendable, Hashable {
        /// Patients who gain at least one service (to eligible or reachable from worse).
        public var gained = 0
        /// Patients who lose at least one service.
        public var lost = 0
        /// Patients for whom at least one deadlock appears (vanishes).
        public var deadlockAppears = 0
        public var deadlockVanishes = 0

        public init() {}

        mutating func add(_ other: People) {
            gained += other.gained
            lost += other.lost
            deadlockAppears += other.deadlockAppears
            deadlockVanishes += other.deadlockVanishes
        }
    }
    /// The same figures per group of patients, one breakdown per `--by` fact.
    public var breakdowns: [Breakdown] = []
    /// The bad lines, in order (all of them are counted; the first 1,000 are kept).
    public var badLines: [BadLine] = []

    /// The figures for one group of patients (a value of a `--by` fact, or unknown).
    public struct Group: Sendable, Hashable {
        public var name: String
        public var patients = 0
        public var patientsChanged = 0
        /// Per service, as `DiffReport.transitions`.
        public var transitions: [TransitionCounts]
        /// Patients for whom a deadlock cycle appears (vanishes), counted once per cycle.
        public var deadlocksAppear = 0
        public var deadlocksVanish = 0
    }

    /// The groups of one `--by` fact, in the fact's order of values, unknown last.
    public struct Breakdown: Sendable, Hashable {
        public var fact: String
        public var groups: [Group]
    }

    /// A service or step as an analyst reads it: its title, else its id.
    public func title(_ id: String) -> String { titles[id] ?? id }

    /// A deadlock's cycle in titles.
    public func cycleTitles(_ change: DeadlockChange) -> String { CycleText.closed(change.cycle.map(title)) }

    /// The transitions that change something, with their counts, largest first per service.
    public var changes: [(transition: Transition, count: Int)] {
        var result: [(Transition, Int)] = []
        for (s, service) in services.enumerated() {
            var rows: [(Transition, Int)] = []
            for from in CohortStatus.allCases {
                for to in CohortStatus.allCases where from != to && transitions[s][from, to] > 0 {
                    rows.append((Transition(service: service, from: from, to: to), transitions[s][from, to]))
                }
            }
            result.append(contentsOf: rows.sorted { $0.1 > $1.1 })
        }
        return result
    }
}

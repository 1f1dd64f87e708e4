/// What changes for a population when rules change: statuses per service under both rule
/// sets, who moves from which status to which, and which deadlocks appear or vanish.
public struct DiffReport: Sendable {
    /// Column/row 6 of a transition is "not evaluated" (another jurisdiction, or the
    /// service does not exist or is not in force under that rule set).
    public static let statusColumns = Status.allCases.map(\.rawValue) + ["not_evaluated"]

    public struct DeadlockChange: Sendable, Hashable {
        public var cycle: String
        public var base: Int
        public var proposed: Int
        /// Patients deadlocked in this cycle under the proposed rules but not the current.
        public var gained: Int
        public var lost: Int
    }

    public struct BadLine: Sendable, Hashable {
        public var line: Int
        public var column: Int
        public var message: String
    }

    public var file: String
    public var services: [String]
    /// [service][status column]
    public var baseCounts: [[Int]]
    public var proposedCounts: [[Int]]
    /// [service][from column][to column]
    public var transitions: [[[Int]]]
    /// Up to N patient ids per (service, from, to) with from != to.
    public var examples: [String: [String]]
    public var deadlocks: [DeadlockChange]
    public var linesRead = 0
    public var evaluated = 0
    public var rejected = 0
    /// Patients for whom at least one service's status changes.
    public var patientsChanged = 0
    /// The same figures per group of patients, one breakdown per `--by` fact.
    public var breakdowns: [Breakdown] = []
    /// The bad lines, in order (all of them are counted; the first 1,000 are kept).
    public var badLines: [BadLine] = []

    /// The figures for one group of patients (a value of a `--by` fact, or unknown).
    public struct Group: Sendable, Hashable {
        public var name: String
        public var patients = 0
        public var patientsChanged = 0
        /// [service][from column][to column], as `DiffReport.transitions`.
        public var transitions: [[[Int]]]
        /// Patients for whom a deadlock cycle appears (vanishes), counted once per cycle.
        public var deadlocksAppear = 0
        public var deadlocksVanish = 0
    }

    /// The groups of one `--by` fact, in the fact's order of values, unknown last.
    public struct Breakdown: Sendable, Hashable {
        public var fact: String
        public var groups: [Group]
    }

    static func exampleKey(_ service: String, _ from: Int, _ to: Int) -> String {
        "\(service) \(statusColumns[from]) \(statusColumns[to])"
    }

    /// The transitions that change something, as (service, from, to, count), largest first per service.
    public var changes: [(service: String, from: String, to: String, count: Int)] {
        var result: [(String, String, String, Int)] = []
        for (s, service) in services.enumerated() {
            var rows: [(String, String, String, Int)] = []
            for from in 0..<7 {
                for to in 0..<7 where from != to && transitions[s][from][to] > 0 {
                    rows.append((service, Self.statusColumns[from], Self.statusColumns[to], transitions[s][from][to]))
                }
            }
            result.append(contentsOf: rows.sorted { $0.3 > $1.3 })
        }
        return result
    }
}

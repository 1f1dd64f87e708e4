/// What a part of a cohort adds to the `--by` breakdowns: per group of each fact, the
/// patients, those whose status changes for some service, the transitions of each service
/// and the deadlocks that appear or vanish. Groups are numbered through all facts: fact f
/// has groups `starts[f]..<starts[f + 1]`. Flat arrays of counts, so that parts add up by
/// adding arrays, in any order.
struct BreakdownTally: Sendable {
    static let pairs = 49
    let starts: [Int]
    let width: Int
    /// `(group * width + service) * 49 + from * 7 + to`.
    var transitions: [Int]
    var patients: [Int]
    var changed: [Int]
    var appear: [Int]
    var vanish: [Int]

    init(groupCounts: [Int], width: Int) {
        starts = groupCounts.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1) }
        self.width = width
        let groups = starts[starts.count - 1]
        transitions = Array(repeating: 0, count: groups * width * Self.pairs)
        patients = Array(repeating: 0, count: groups)
        changed = patients
        appear = patients
        vanish = patients
    }

    var isEmpty: Bool { patients.isEmpty }

    mutating func add(_ other: BreakdownTally) {
        for k in transitions.indices { transitions[k] += other.transitions[k] }
        for g in patients.indices {
            patients[g] += other.patients[g]
            changed[g] += other.changed[g]
            appear[g] += other.appear[g]
            vanish[g] += other.vanish[g]
        }
    }

    /// The breakdowns as the report gives them. Services of another country than a group's
    /// patients were not counted per patient: each group's "not evaluated under both" cell
    /// is what its patients leave over in each service.
    func breakdowns(_ groupings: [FactGrouping]) -> [DiffReport.Breakdown] {
        groupings.enumerated().map { f, grouping in
            DiffReport.Breakdown(fact: grouping.fact, groups: grouping.names.enumerated().map { k, name in
                let g = starts[f] + k
                let matrices = (0..<width).map { s -> [[Int]] in
                    let base = (g * width + s) * Self.pairs
                    var matrix = (0..<7).map { from in (0..<7).map { to in transitions[base + from * 7 + to] } }
                    matrix[6][6] = patients[g] - matrix.joined().reduce(0, +) + matrix[6][6]
                    return matrix
                }
                return DiffReport.Group(name: name, patients: patients[g], patientsChanged: changed[g], transitions: matrices,
                                        deadlocksAppear: appear[g], deadlocksVanish: vanish[g])
            })
        }
    }
}

/// The items a plan needs, each with the items it directly enables. A plan is worked out
/// for every open service of every check and kept until the report is built, so it holds
/// only what the plan touches (the needed items and their links), never a table over all
/// items: memory grows with the plan, not with the rule set (issue 25: a bit matrix per
/// service cost N³ for N independent services).
struct PlanNeeds {
    /// Each needed item with the items it enables, in the order they were found.
    private var enabling: [Int: [Int]] = [:]

    /// Needs nothing yet.
    init() {}

    /// The items the plan needs, in index order.
    var items: [Int] { enabling.keys.sorted() }

    func needs(_ item: Int) -> Bool { enabling[item] != nil }

    /// The items `item` enables, in index order; nil when the plan does not need it.
    func enabled(by item: Int) -> [Int]? { enabling[item]?.sorted() }

    /// The plan needs `item` (enabling nothing more than it did).
    mutating func need(_ item: Int) {
        if enabling[item] == nil { enabling[item] = [] }
    }

    /// The plan needs `item`, which enables `other`.
    mutating func need(_ item: Int, enabling other: Int) {
        enabling[item, default: []].appendOnce(other)
    }

    /// What either plan needs, and what each of its items enables in either.
    mutating func merge(_ other: PlanNeeds) {
        for (item, others) in other.enabling {
            if enabling[item] == nil {
                enabling[item] = others
            } else {
                for o in others { enabling[item]!.appendOnce(o) }
            }
        }
    }
}

private extension Array where Element == Int {
    /// Appends `x` unless it is there (the lists are an item's few direct links).
    mutating func appendOnce(_ x: Int) {
        if !contains(x) { append(x) }
    }
}

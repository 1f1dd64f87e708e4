/// The items a plan needs, each with the items it directly enables, kept by item index:
/// a plan is worked out for every open service of every check, and a table by index
/// answers "is it needed" and "what does it enable" without hashing.
struct PlanNeeds {
    /// Per item: nil when the plan does not need it, else the items it enables (each once).
    private(set) var enables: [[Int]?]

    /// Needs nothing yet, among `itemCount` items.
    init(itemCount: Int) {
        enables = Array(repeating: nil, count: itemCount)
    }

    func needs(_ item: Int) -> Bool { enables[item] != nil }

    /// The plan needs `item` (enabling nothing more than it did).
    mutating func need(_ item: Int) {
        if enables[item] == nil { enables[item] = [] }
    }

    /// The plan needs `item`, which enables `other`.
    mutating func need(_ item: Int, enabling other: Int) {
        if enables[item]?.contains(other) == false { enables[item]?.append(other) }
        if enables[item] == nil { enables[item] = [other] }
    }

    /// What either plan needs, and what each of its items enables in either.
    mutating func merge(_ other: PlanNeeds) {
        for item in other.enables.indices {
            guard let theirs = other.enables[item] else { continue }
            if enables[item] == nil {
                enables[item] = theirs
            } else {
                for x in theirs { need(item, enabling: x) }
            }
        }
    }
}

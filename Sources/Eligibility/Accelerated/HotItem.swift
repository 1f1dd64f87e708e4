/// A service or an action as the cohort engine runs it (see `HotLeaf`).
struct HotItem: Sendable {
    var criteria: Int32
    var requiresStart: Int32
    var requiresCount: Int32
    var effectsStart: Int32
    var effectsCount: Int32
    var isService: Bool
    var isCostly: Bool
    /// Symbol id of the item's jurisdiction, or -1 for none.
    var jurisdiction: Int64
    var validFrom: Int32
    var validTo: Int32
}

struct HotPrerequisite: Sendable {
    var item: Int32
    var when: Int32
}

struct HotEffect: Sendable {
    var slot: Int32
    var bit: Int32
}

struct HotDerived: Sendable {
    /// -1 for `cases`; else the date slot of `days_since`.
    var daysSince: Int32
    var slot: Int32
    var casesStart: Int32
    var casesCount: Int32
    var otherwiseBit: Int32
}

struct HotCase: Sendable {
    var when: Int32
    var bit: Int32
}

/// A derived fact, compiled: computed from other facts by cases, or as the days since a date.
struct CompiledDerived: Sendable {
    enum Rule: Sendable {
        case cases([(when: Int32, valueBit: Int)], otherwiseBit: Int?)
        case daysSince(Int)
    }
    var slot: Int
    var rule: Rule
    /// Input slots it reads, directly or through other derived facts.
    var inputs: [Int]
}

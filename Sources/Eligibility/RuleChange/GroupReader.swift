/// The fast form of `FactGrouping` for cohort workers: the group of a patient read
/// straight from a cohort line's input slots. A derived fact is remembered by the values
/// of the facts it is computed from (and the date), in a small table, and worked out by
/// the reference evaluator only when those values are new. One per worker: nothing in it
/// is shared with another thread.
struct GroupReader {
    let grouping: FactGrouping
    /// The evaluator that works derived facts out (nil for a given fact).
    private var evaluator: Evaluator?
    /// The one or two input slots a derived fact is computed from, or -1 (more, or none: no table).
    private let inputs: (Int, Int)
    private var keys: [SlotValue]
    private var days: [Int32]
    private var groups: [Int32]
    private static let rows = 512

    /// - Parameter shared: the grouping as checked when the run started; the reader works
    ///   with a copy on a program of its own.
    init(_ shared: FactGrouping) {
        let program = shared.program.privateCopy()
        let grouping = FactGrouping(copying: shared, program: program)
        self.grouping = grouping
        let derived = program.derived.first { $0.slot == grouping.slot }
        evaluator = derived == nil ? nil : Evaluator(program: program)
        let reads = derived?.inputs ?? []
        inputs = reads.count == 1 ? (reads[0], -1) : reads.count == 2 ? (reads[0], reads[1]) : (-1, -1)
        keys = Array(repeating: .unknown, count: Self.rows * 2)
        days = Array(repeating: 0, count: Self.rows)
        groups = Array(repeating: -1, count: Self.rows)
    }

    /// The group of the patient whose `count` input facts are at `slots`.
    mutating func group(_ slots: UnsafePointer<SlotValue>, count: Int, asOf day: Day) -> Int {
        let slot = grouping.slot
        guard evaluator != nil else { return grouping.group(of: slot < count ? slots[slot] : .unknown) }
        let a = inputs.0 >= 0 && inputs.0 < count ? slots[inputs.0] : .unknown
        let b = inputs.1 >= 0 && inputs.1 < count ? slots[inputs.1] : .unknown
        var row = -1
        if inputs.0 >= 0 {
            let mixed = (UInt64(bitPattern: a.bits) &* 0x9E37_79B9_7F4A_7C15) ^ a.code ^ (UInt64(bitPattern: b.bits) &* 0xBF58_476D_1CE4_E5B9)
                ^ b.code ^ UInt64(a.tag.rawValue) ^ (UInt64(b.tag.rawValue) << 8) ^ (UInt64(UInt32(bitPattern: day.ordinal)) << 16)
            row = Int(truncatingIfNeeded: (mixed &* 0x94D0_49BB_1331_11EB) >> 55) & (Self.rows - 1)
            if groups[row] >= 0 && days[row] == day.ordinal && keys[2 * row] == a && keys[2 * row + 1] == b {
                return Int(groups[row])
            }
        }
        evaluator?.load(inputs: slots, count: count, asOf: day)
        evaluator?.prepare()
        let group = grouping.group(of: evaluator?.initial[slot] ?? .unknown)
        if row >= 0 {
            keys[2 * row] = a
            keys[2 * row + 1] = b
            days[row] = day.ordinal
            groups[row] = Int32(group)
        }
        return group
    }
}

/// Derived facts remembered by the values they are computed from: per derived fact read
/// from one or two input facts, a direct-mapped table of `rows` rows keyed by those
/// inputs' values and the evaluation date. A cohort repeats the same few combinations,
/// so most derived facts cost one lookup instead of evaluating their cases.
struct DerivedMemory {
    /// Per derived fact: the one or two input slots it is computed from (-1 when more or none).
    private let inputs: [(Int, Int)]
    private var keys: [Key]
    private var values: [SlotValue]
    private var filled: [Bool]
    private static let rows = 1024

    /// The values a derived fact is computed from.
    private struct Key: Hashable {
        var first: SlotValue
        var second: SlotValue
        var day: Int32

        /// A row of a direct-mapped table of `rows` rows (a power of two).
        @inline(__always)
        func row(of rows: Int) -> Int {
            var h = UInt64(bitPattern: first.bits) ^ (first.code &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(first.tag.rawValue) << 56
            h = (h &* 0xBF58_476D_1CE4_E5B9) ^ UInt64(bitPattern: second.bits) ^ (second.code &* 0x94D0_49BB_1331_11EB) ^ UInt64(second.tag.rawValue) << 48
            h = (h ^ UInt64(UInt32(bitPattern: day))) &* 0xD6E8_FEB8_6659_FD93
            return Int(truncatingIfNeeded: h >> 32) & (rows - 1)
        }
    }

    /// The key being looked up, kept from `row` to `remember`.
    private var pending = Key(first: .unknown, second: .unknown, day: 0)

    init(_ derived: [CompiledDerived]) {
        inputs = derived.map { d in
            d.inputs.count == 1 ? (d.inputs[0], -1) : d.inputs.count == 2 ? (d.inputs[0], d.inputs[1]) : (-1, -1)
        }
        let rows = derived.count * Self.rows
        keys = Array(repeating: Key(first: .unknown, second: .unknown, day: 0), count: rows)
        values = Array(repeating: .unknown, count: rows)
        filled = Array(repeating: false, count: rows)
    }

    /// The row of derived fact `index` for the facts in `slots` on `day`, or nil when the
    /// fact is read from more than two facts (it is not remembered).
    @inline(__always)
    mutating func row(_ index: Int, _ slots: [SlotValue], day: Int32) -> Int? {
        let (a, b) = inputs[index]
        guard a >= 0 else { return nil }
        pending = Key(first: slots[a], second: b >= 0 ? slots[b] : .unknown, day: day)
        return index * Self.rows + pending.row(of: Self.rows)
    }

    /// The value remembered in `row` for the key just looked up, if any.
    @inline(__always)
    func value(at row: Int) -> SlotValue? {
        filled[row] && keys[row] == pending ? values[row] : nil
    }

    mutating func remember(_ value: SlotValue, at row: Int) {
        keys[row] = pending
        values[row] = value
        filled[row] = true
    }
}

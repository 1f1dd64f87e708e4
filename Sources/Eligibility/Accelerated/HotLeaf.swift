/// A comparison as the cohort engine runs it: plain values only (no references), so
/// reading it costs no reference counting. Built from a `CompiledLeaf`, whose `holds`
/// says what each comparison means; the differential test holds the two equal.
struct HotLeaf: Sendable {
    enum Kind: UInt8, Sendable {
        case equals, oneOf, atLeast, atMost, between, before, after, olderThan, within, icd10, known
    }
    var slot: Int32
    var kind: Kind
    /// oneOf/icd10: start of the list; olderThan/within: duration index; known: the flag (0/1).
    var start: Int32
    var count: Int32
    var x: Double
    var y: Double
    var value: SlotValue
    var trueMask: UInt64
    var falseMask: UInt64

    /// Whether a known value passes.
    /// - Parameters:
    ///   - values: the program's `hotValues` (lists of `oneOf`).
    ///   - ranges: the program's `hotRanges` (lists of `icd10`).
    ///   - cutoffs: `cutoffs[i]` is the evaluation date moved back by duration i.
    @inline(__always)
    func holds(_ v: SlotValue, values: [SlotValue], ranges: [PackedICD10Range], cutoffs: [Int64]) -> Bool {
        switch kind {
        case .equals: return v.sameAs(value)
        case .oneOf:
            for i in Int(start)..<Int(start + count) where v.sameAs(values[i]) { return true }
            return false
        case .atLeast: return v.numeric >= x
        case .atMost: return v.numeric <= x
        case .between: let n = v.numeric; return n >= x && n <= y
        case .before: return v.bits < value.bits
        case .after: return v.bits > value.bits
        case .olderThan: return v.bits <= cutoffs[Int(start)]
        case .within: return v.bits > cutoffs[Int(start)]
        case .icd10:
            for i in Int(start)..<Int(start + count) where ranges[i].contains(v.code) { return true }
            return false
        case .known:
            // Whether a value is known is not a test of the value: every caller decides
            // `known` before asking (`evalLeaf`, `leafCode`, the comparison tables).
            preconditionFailure("a known comparison is decided before its value is tested")
        }
    }
}

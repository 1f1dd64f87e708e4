/// A comparison ready to run.
struct CompiledLeaf: Sendable {
    enum Test: Sendable {
        case equals(SlotValue)
        case oneOf([SlotValue])
        case atLeast(Double)
        case atMost(Double)
        case between(Double, Double)
        case before(Int64)
        case after(Int64)
        case olderThan(Duration)
        case within(Duration)
        case icd10([PackedICD10Range])
        case known(Bool)
    }
    var slot: Int
    var test: Test
    /// Which effect literals of the slot make the comparison true, and which false.
    var trueMask: UInt64
    var falseMask: UInt64
    var comparison: Comparison
    /// Items whose effects can make it true (index 0) or false (index 1).
    var achievers: [[Int32]]

    /// Whether a known value passes the comparison on the evaluation date `asOf`: what
    /// each comparison means (the cohort engine's `HotLeaf` is built to agree).
    func holds(_ value: SlotValue, asOf: Day) -> Bool { test.holds(value, asOf: asOf) }

    /// Whether the comparison reads the evaluation date (effects cannot set dates, so
    /// such comparisons have no effect values).
    var isDated: Bool {
        switch test {
        case .olderThan, .within: return true
        default: return false
        }
    }
}

extension CompiledLeaf.Test {
    /// Whether a known value passes this test on the evaluation date `asOf`.
    func holds(_ value: SlotValue, asOf: Day) -> Bool {
        switch self {
        case .equals(let expected): return value.sameAs(expected)
        case .oneOf(let allowed): return allowed.contains { value.sameAs($0) }
        case .atLeast(let low): return value.numeric >= low
        case .atMost(let high): return value.numeric <= high
        case .between(let low, let high): return value.numeric >= low && value.numeric <= high
        case .before(let day): return value.bits < day
        case .after(let day): return value.bits > day
        case .olderThan(let duration): return value.bits <= Int64(asOf.minus(duration).ordinal)
        case .within(let duration): return value.bits > Int64(asOf.minus(duration).ordinal)
        case .icd10(let ranges): return ranges.contains { $0.contains(value.code) }
        case .known(let flag): return flag
        }
    }
}

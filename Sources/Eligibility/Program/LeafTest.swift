/// Whether a known value passes a comparison.
enum LeafTest {
    /// - Parameter cutoffs: the evaluation date, for tests relative to it; nil at compile time.
    /// - Returns: nil when the test cannot be decided without the evaluation date.
    @inline(__always)
    static func holds(_ test: CompiledLeaf.Test, _ v: SlotValue, cutoffs: DateCutoffs?) -> Bool? {
        switch test {
        case .equals(let lit): return same(v, lit)
        case .oneOf(let lits):
            for lit in lits where same(v, lit) { return true }
            return false
        case .atLeast(let x): return v.numeric >= x
        case .atMost(let x): return v.numeric <= x
        case .between(let lo, let hi): let n = v.numeric; return n >= lo && n <= hi
        case .before(let d): return v.bits < d
        case .after(let d): return v.bits > d
        case .olderThan(let duration):
            guard let cutoffs else { return nil }
            return v.bits <= cutoffs.cutoff(duration)
        case .within(let duration):
            guard let cutoffs else { return nil }
            return v.bits > cutoffs.cutoff(duration)
        case .icd10(let ranges):
            let c = v.code
            guard c != 0 else { return false }
            for r in ranges where c >= r.low && (c <= r.high || (c & r.highMask) == r.high) { return true }
            return false
        case .known(let flag): return flag
        }
    }

    @inline(__always)
    static func same(_ a: SlotValue, _ b: SlotValue) -> Bool {
        if a.tag == b.tag { return a.bits == b.bits }
        if (a.tag == .integer || a.tag == .number) && (b.tag == .integer || b.tag == .number) {
            return a.numeric == b.numeric
        }
        return false
    }
}

/// Dates moved back from the evaluation date by the durations rules use, computed once per date.
struct DateCutoffs {
    let asOf: Day
    private var cache: [Duration: Int64] = [:]

    init(asOf: Day) { self.asOf = asOf }

    func cutoff(_ duration: Duration) -> Int64 {
        if let hit = cache[duration] { return hit }
        return Int64(asOf.minus(duration).ordinal)
    }

    mutating func prepare(_ durations: [Duration]) {
        for d in durations { cache[d] = Int64(asOf.minus(d).ordinal) }
    }
}

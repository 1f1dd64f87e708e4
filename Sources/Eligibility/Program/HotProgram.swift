/// The parts of a program that the evaluation loop touches, as arrays of plain values
/// (no references), so reading them costs no reference counting.
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

    /// Whether a known value passes: the one place that says what each comparison means.
    /// - Parameters:
    ///   - values: the program's `hotValues` (lists of `oneOf`).
    ///   - ranges: the program's `hotRanges` (lists of `icd10`).
    ///   - cutoffs: `cutoffs[i]` is the evaluation date moved back by duration i.
    @inline(__always)
    func holds(_ v: SlotValue, values: [SlotValue], ranges: [HotRange], cutoffs: [Int64]) -> Bool {
        switch kind {
        case .equals: return Self.same(v, value)
        case .oneOf:
            for i in Int(start)..<Int(start + count) where Self.same(v, values[i]) { return true }
            return false
        case .atLeast: return v.numeric >= x
        case .atMost: return v.numeric <= x
        case .between: let n = v.numeric; return n >= x && n <= y
        case .before: return v.bits < value.bits
        case .after: return v.bits > value.bits
        case .olderThan: return v.bits <= cutoffs[Int(start)]
        case .within: return v.bits > cutoffs[Int(start)]
        case .icd10:
            let c = v.code
            guard c != 0 else { return false }
            for i in Int(start)..<Int(start + count) {
                let r = ranges[i]
                if c >= r.low && (c <= r.high || (c & r.highMask) == r.high) { return true }
            }
            return false
        case .known: return count != 0
        }
    }

    /// Equality as rules mean it: 3 equals 3.0.
    @inline(__always)
    static func same(_ a: SlotValue, _ b: SlotValue) -> Bool {
        if a.tag == b.tag { return a.bits == b.bits }
        if (a.tag == .integer || a.tag == .number) && (b.tag == .integer || b.tag == .number) {
            return a.numeric == b.numeric
        }
        return false
    }
}

struct HotRange: Sendable {
    var low: UInt64
    var high: UInt64
    var highMask: UInt64
}

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

/// Flattening of the compiled program into the hot arrays.
struct HotTables: Sendable {
    var leaves: [HotLeaf] = []
    var values: [SlotValue] = []
    var ranges: [HotRange] = []
    var durations: [Duration] = []
    var items: [HotItem] = []
    var prerequisites: [HotPrerequisite] = []
    var effects: [HotEffect] = []
    var derived: [HotDerived] = []
    var cases: [HotCase] = []

    init(leaves compiled: [CompiledLeaf], items compiledItems: [CompiledItem], derived compiledDerived: [CompiledDerived],
         symbol: (String) -> Int32) {
        for leaf in compiled {
            var hot = HotLeaf(slot: Int32(leaf.slot), kind: .equals, start: 0, count: 0, x: 0, y: 0, value: .unknown,
                              trueMask: leaf.trueMask, falseMask: leaf.falseMask)
            switch leaf.test {
            case .equals(let v): hot.kind = .equals; hot.value = v
            case .oneOf(let vs):
                hot.kind = .oneOf; hot.start = Int32(values.count); hot.count = Int32(vs.count)
                values.append(contentsOf: vs)
            case .atLeast(let x): hot.kind = .atLeast; hot.x = x
            case .atMost(let x): hot.kind = .atMost; hot.x = x
            case .between(let x, let y): hot.kind = .between; hot.x = x; hot.y = y
            case .before(let d): hot.kind = .before; hot.value = SlotValue(tag: .date, bits: d, code: 0)
            case .after(let d): hot.kind = .after; hot.value = SlotValue(tag: .date, bits: d, code: 0)
            case .olderThan(let d): hot.kind = .olderThan; hot.start = durationIndex(d)
            case .within(let d): hot.kind = .within; hot.start = durationIndex(d)
            case .icd10(let rs):
                hot.kind = .icd10; hot.start = Int32(ranges.count); hot.count = Int32(rs.count)
                ranges.append(contentsOf: rs.map { HotRange(low: $0.low, high: $0.high, highMask: $0.highMask) })
            case .known(let flag): hot.kind = .known; hot.count = flag ? 1 : 0
            }
            leaves.append(hot)
        }
        for item in compiledItems {
            items.append(HotItem(
                criteria: item.criteria, requiresStart: Int32(prerequisites.count), requiresCount: Int32(item.requires.count),
                effectsStart: Int32(effects.count), effectsCount: Int32(item.effects.count),
                isService: item.isService, isCostly: item.isCostly,
                jurisdiction: item.jurisdiction.map { Int64(symbol($0)) } ?? -1,
                validFrom: item.validFrom.ordinal, validTo: item.validTo?.ordinal ?? .max))
            prerequisites.append(contentsOf: item.requires.map { HotPrerequisite(item: Int32($0.item), when: $0.when) })
            effects.append(contentsOf: item.effects.map { HotEffect(slot: Int32($0.slot), bit: Int32($0.bit)) })
        }
        for d in compiledDerived {
            switch d.rule {
            case .daysSince(let source):
                derived.append(HotDerived(daysSince: Int32(source), slot: Int32(d.slot), casesStart: 0, casesCount: 0, otherwiseBit: -1))
            case .cases(let list, let otherwise):
                derived.append(HotDerived(daysSince: -1, slot: Int32(d.slot), casesStart: Int32(cases.count),
                                          casesCount: Int32(list.count), otherwiseBit: Int32(otherwise ?? -1)))
                cases.append(contentsOf: list.map { HotCase(when: $0.when, bit: Int32($0.valueBit)) })
            }
        }
    }

    private mutating func durationIndex(_ d: Duration) -> Int32 {
        if let i = durations.firstIndex(of: d) { return Int32(i) }
        durations.append(d)
        return Int32(durations.count - 1)
    }
}

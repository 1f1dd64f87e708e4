/// A program flattened for the cohort engine: the parts the evaluation loop touches as
/// arrays of plain values (no references), so reading them costs no reference counting,
/// and the order in which one pass reaches the fixed point. Built from the readable
/// `Program`, which it keeps for everything else (condition nodes, names, the analysis).
struct CohortProgram: Sendable {
    let program: Program
    let leaves: [HotLeaf]
    /// The lists of `oneOf` comparisons.
    let values: [SlotValue]
    /// The lists of `icd10` comparisons.
    let ranges: [PackedICD10Range]
    /// The durations of `older_than`/`within` comparisons.
    let durations: [Duration]
    let items: [HotItem]
    let prerequisites: [HotPrerequisite]
    let effects: [HotEffect]
    let derived: [HotDerived]
    let cases: [HotCase]
    /// Per leaf and polarity (index leaf * 2 + (true ? 0 : 1)): where its achievers are in `achieverList`.
    let achieverRanges: [(start: Int32, count: Int32)]
    let achieverList: [Int32]
    let grantOrder: GrantOrder

    init(_ program: Program) {
        self.program = program
        var leaves: [HotLeaf] = []
        var values: [SlotValue] = []
        var ranges: [PackedICD10Range] = []
        var durations: [Duration] = []
        func durationIndex(_ d: Duration) -> Int32 {
            if let i = durations.firstIndex(of: d) { return Int32(i) }
            durations.append(d)
            return Int32(durations.count - 1)
        }
        for leaf in program.leaves {
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
                ranges.append(contentsOf: rs)
            case .known(let flag): hot.kind = .known; hot.count = flag ? 1 : 0
            }
            leaves.append(hot)
        }
        self.leaves = leaves
        self.values = values
        self.ranges = ranges
        self.durations = durations
        var items: [HotItem] = []
        var prerequisites: [HotPrerequisite] = []
        var effects: [HotEffect] = []
        for item in program.items {
            items.append(HotItem(
                criteria: item.criteria, requiresStart: Int32(prerequisites.count), requiresCount: Int32(item.requires.count),
                effectsStart: Int32(effects.count), effectsCount: Int32(item.effects.count),
                isService: item.isService, isCostly: item.isCostly,
                jurisdiction: item.jurisdiction.map { Int64(program.symbol($0)) } ?? -1,
                validFrom: item.validFrom.ordinal, validTo: item.validTo?.ordinal ?? .max))
            prerequisites.append(contentsOf: item.requires.map { HotPrerequisite(item: Int32($0.item), when: $0.when) })
            effects.append(contentsOf: item.effects.map { HotEffect(slot: Int32($0.slot), bit: Int32($0.bit)) })
        }
        self.items = items
        self.prerequisites = prerequisites
        self.effects = effects
        var derived: [HotDerived] = []
        var cases: [HotCase] = []
        for d in program.derived {
            switch d.rule {
            case .daysSince(let source):
                derived.append(HotDerived(daysSince: Int32(source), slot: Int32(d.slot), casesStart: 0, casesCount: 0, otherwiseBit: -1))
            case .cases(let list, let otherwise):
                derived.append(HotDerived(daysSince: -1, slot: Int32(d.slot), casesStart: Int32(cases.count),
                                          casesCount: Int32(list.count), otherwiseBit: Int32(otherwise ?? -1)))
                cases.append(contentsOf: list.map { HotCase(when: $0.when, bit: Int32($0.valueBit)) })
            }
        }
        self.derived = derived
        self.cases = cases
        var achieverRanges: [(start: Int32, count: Int32)] = []
        for leaf in program.leaves {
            for polarity in 0..<2 {
                achieverRanges.append((Int32(achieverRanges.last.map { $0.start + $0.count } ?? 0), Int32(leaf.achievers[polarity].count)))
            }
        }
        self.achieverRanges = achieverRanges
        achieverList = program.leaves.flatMap { $0.achievers[0] + $0.achievers[1] }
        grantOrder = GrantOrder(program)
    }

    /// The same program compiled again, sharing no storage with this one: for a worker
    /// thread of its own. Copies of one program share their arrays, and reading them from
    /// two cores makes the arrays' reference counts bounce between the cores' caches.
    func privateCopy() -> CohortProgram { CohortProgram(Program(program.library, vocabulary: program.vocabulary)) }
}

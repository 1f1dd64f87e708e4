/// Evaluates one patient at a time against a program. Holds the patient's fact slots and
/// the reachability state in arrays sized once, so evaluating many patients in a row
/// allocates nothing per patient. Not shared between threads: make one per thread.
public struct Evaluator: Sendable {
    public let program: Program
    /// The patient's facts, then the derived facts computed from them.
    var initial: [SlotValue]
    /// Per slot, which effect values (bits of `program.literals[slot]`) steps can add.
    var added: [UInt64]
    /// Items of the patient's jurisdiction and in force on the evaluation date.
    var active: [Bool]
    var granted: [Bool]
    var eligibleNow: [Bool]
    /// Items in the order the fixed point granted them: the plan.
    var grantOrder: [Int]
    /// Per slot and effect bit, the item that first added it (when tracking).
    var firstAchiever: [Int32]
    var tracking = false
    /// Per derived fact: the one or two input slots it is computed from (-1 when more or none).
    private let derivedInputs: [(Int, Int)]
    /// Per derived fact: its value by the values of those inputs (and the date), in a
    /// direct-mapped table of `derivedMemoRows` rows (row `index * derivedMemoRows + r`).
    private var derivedMemoKeys: [DerivedKey]
    private var derivedMemoValues: [SlotValue]
    private var derivedMemoFilled: [Bool]
    private static let derivedMemoRows = 1024
    /// Whether a step has added values since `added` was last cleared.
    private var addedSince = false
    /// Text values as the patient gave them (for explanations; the slots hold only ids).
    var texts: [Int: String] = [:]
    var asOf: Day
    /// The evaluation date moved back by each of `program.durations`.
    var cutoffValues: [Int64]
    private let feedsDerived: [Bool]

    /// - Parameter rememberDerived: remember derived facts by their inputs' values, for
    ///   evaluating many patients in a row (a table of some hundred kilobytes; copies of
    ///   the evaluator made for explanations would copy it on their first patient).
    public init(program: Program, rememberDerived: Bool = false) {
        self.program = program
        let slots = program.factNames.count
        initial = Array(repeating: .unknown, count: slots)
        added = Array(repeating: 0, count: slots)
        active = Array(repeating: false, count: program.items.count)
        granted = active
        eligibleNow = active
        grantOrder = []
        grantOrder.reserveCapacity(program.items.count)
        firstAchiever = Array(repeating: -1, count: slots * 64)
        asOf = Day(ordinal: 0)
        var feeds = Array(repeating: false, count: slots)
        for derived in program.derived { for input in derived.inputs { feeds[input] = true } }
        feedsDerived = feeds
        cutoffValues = Array(repeating: 0, count: max(1, program.durations.count))
        derivedInputs = program.derived.map { d in
            d.inputs.count == 1 ? (d.inputs[0], -1) : d.inputs.count == 2 ? (d.inputs[0], d.inputs[1]) : (-1, -1)
        }
        let rows = rememberDerived ? program.derived.count * Self.derivedMemoRows : 0
        derivedMemoKeys = Array(repeating: DerivedKey(first: .unknown, second: .unknown, day: 0), count: rows)
        derivedMemoValues = Array(repeating: .unknown, count: rows)
        derivedMemoFilled = Array(repeating: false, count: rows)
    }

    // MARK: loading a patient

    /// Starts a new patient: every fact unknown, the evaluation date set.
    public mutating func reset(asOf day: Day) {
        for i in initial.indices { initial[i] = .unknown }
        setDate(day)
    }

    private mutating func setDate(_ day: Day) {
        if asOf != day {
            asOf = day
            for (i, d) in program.durations.enumerated() { cutoffValues[i] = Int64(day.minus(d).ordinal) }
        }
    }

    /// Loads input facts read straight into slots of the program's vocabulary.
    /// Derived slots are left as they are: every run computes them afresh.
    public mutating func load(inputs: [SlotValue], asOf day: Day) {
        inputs.withUnsafeBufferPointer { load(inputs: $0.baseAddress, count: $0.count, asOf: day) }
    }

    /// Loads `count` input facts from memory (see `load(inputs:asOf:)`).
    mutating func load(inputs: UnsafePointer<SlotValue>?, count given: Int, asOf day: Day) {
        setDate(day)
        if !texts.isEmpty { texts = [:] }
        let given = min(given, program.inputCount)
        let count = program.inputCount
        initial.withUnsafeMutableBufferPointer { slots in
            if let inputs { for i in 0..<given { slots[i] = inputs[i] } }
            for i in given..<count { slots[i] = .unknown }
        }
    }

    /// Loads a decoded patient.
    public mutating func load(_ patient: Patient, asOf day: Day) {
        reset(asOf: day)
        texts = [:]
        for (name, value) in patient.facts {
            guard let slot = program.slot(name) else { continue }
            initial[slot] = program.slotValue(value)
            if case .string(let text) = value { texts[slot] = text }
        }
    }

    /// This evaluation as things stand before any step: the patient's own facts only.
    func beforeSteps() -> Evaluator {
        var copy = self
        for i in copy.added.indices { copy.added[i] = 0 }
        return copy
    }

    /// A fact's value in words, as the patient gave it.
    func describe(slot: Int) -> String {
        if initial[slot].isKnown, let text = texts[slot] { return text }
        return program.describe(initial[slot])
    }

    // MARK: running

    /// Computes derived facts, what holds now, and the least fixed point of what can be reached.
    public mutating func run(trackAchievers: Bool = false) {
        run(trackAchievers: trackAchievers, allowing: -1)
    }

    /// - Parameter extra: one costly action the fixed point may use (to try a way out), or -1.
    mutating func run(trackAchievers: Bool, allowing extra: Int) {
        tracking = trackAchievers
        prepare()
        finish(allowing: extra)
    }

    /// First half of a run: clears what steps added and computes the derived facts.
    /// After it, `signature` can tell whether an earlier patient had the same outcome.
    mutating func prepare() {
        if addedSince {
            for i in added.indices { added[i] = 0 }
            addedSince = false
        }
        if tracking { for i in firstAchiever.indices { firstAchiever[i] = -1 } }
        computeDerivedNow()
    }

    /// Second half: what holds now and the fixed point of what can be reached.
    /// - Parameter only: when given, items outside it are left out (their outcomes are known).
    mutating func finish(allowing extra: Int = -1, only: [Bool]? = nil) {
        markActive()
        if let only { for i in active.indices where !only[i] { active[i] = false } }
        computeEligibleNow()
        reach(extra: extra)
    }

    private mutating func markActive() {
        let js = program.jurisdictionSlot
        let j = js >= 0 ? initial[js] : .unknown
        let day = asOf.ordinal
        for i in program.hotItems.indices {
            let item = program.hotItems[i]
            var on = day >= item.validFrom && day <= item.validTo
            if on, item.jurisdiction >= 0 {
                on = j.isKnown && j.bits == item.jurisdiction
            }
            active[i] = on
        }
    }

    private mutating func computeDerivedNow() {
        for index in 0..<program.hotDerived.count {
            let d = program.hotDerived[index]
            let slot = Int(d.slot)
            if d.daysSince >= 0 {
                let v = initial[Int(d.daysSince)]
                initial[slot] = v.isKnown ? .integer(Int(Int64(asOf.ordinal) - v.bits)) : .unknown
                continue
            }
            // A derived fact read from one or two input facts is remembered by their values.
            let inputs = derivedInputs[index]
            var row = -1
            var key = DerivedKey(first: .unknown, second: .unknown, day: 0)
            if inputs.0 >= 0 && !derivedMemoFilled.isEmpty {
                key = DerivedKey(first: initial[inputs.0], second: inputs.1 >= 0 ? initial[inputs.1] : .unknown, day: asOf.ordinal)
                row = index * Self.derivedMemoRows + key.row(of: Self.derivedMemoRows)
                if derivedMemoFilled[row] && derivedMemoKeys[row] == key {
                    initial[slot] = derivedMemoValues[row]
                    continue
                }
            }
            var result: SlotValue = .unknown
            var decided = false
            for c in Int(d.casesStart)..<Int(d.casesStart + d.casesCount) {
                let k = program.hotCases[c]
                switch eval(k.when, true) {
                case .yes: result = program.literals[slot][Int(k.bit)]; decided = true
                case .unknown: decided = true
                case .no: continue
                }
                break
            }
            if !decided, d.otherwiseBit >= 0 { result = program.literals[slot][Int(d.otherwiseBit)] }
            initial[slot] = result
            if row >= 0 {
                derivedMemoKeys[row] = key
                derivedMemoValues[row] = result
                derivedMemoFilled[row] = true
            }
        }
    }

    /// Recomputes which values derived facts can take once steps have added values.
    private mutating func updateDerivedAdded() {
        for d in program.hotDerived where d.daysSince < 0 {
            var mask: UInt64 = 0
            var reachedEnd = true
            for c in Int(d.casesStart)..<Int(d.casesStart + d.casesCount) {
                let k = program.hotCases[c]
                if eval(k.when, true) == .yes { mask |= 1 << UInt64(k.bit) }
                if eval(k.when, false) != .yes { reachedEnd = false; break }
            }
            if reachedEnd, d.otherwiseBit >= 0 { mask |= 1 << UInt64(d.otherwiseBit) }
            added[Int(d.slot)] = mask
        }
    }

    private mutating func computeEligibleNow() {
        for i in eligibleNow.indices { eligibleNow[i] = false }
        var changed = true
        while changed {
            changed = false
            for i in 0..<program.serviceCount where active[i] && !eligibleNow[i] {
                let item = program.hotItems[i]
                guard item.criteria < 0 || eval(item.criteria, true) == .yes else { continue }
                var ok = true
                for r in Int(item.requiresStart)..<Int(item.requiresStart + item.requiresCount) {
                    let req = program.hotPrerequisites[r]
                    if eligibleNow[Int(req.item)] { continue }
                    if req.when >= 0 && eval(req.when, false) == .yes { continue }
                    ok = false
                    break
                }
                if ok { eligibleNow[i] = true; changed = true }
            }
        }
    }

    /// The least fixed point: grants every active, cost-free item whose criteria can hold
    /// and whose prerequisites are granted, adding its effects, until nothing changes.
    /// - Parameter extra: one costly action to allow (for ways out), or -1.
    mutating func reach(extra: Int) {
        for i in granted.indices { granted[i] = false }
        grantOrder.removeAll(keepingCapacity: true)
        if !tracking {
            reachInDependencyOrder(extra: extra)
            return
        }
        var changed = true
        while changed {
            changed = false
            for i in program.hotItems.indices where active[i] && !granted[i] {
                let item = program.hotItems[i]
                if item.isCostly && i != extra { continue }
                guard item.criteria < 0 || eval(item.criteria, true) == .yes,
                      prerequisitesMet(i) else { continue }
                grant(i)
                changed = true
            }
        }
    }

    /// The same fixed point in one pass over `program.grantOrder`, repeating only inside
    /// groups that wait on each other. The order of grants differs from the plain passes,
    /// so explanations (which read it as the plan) use those.
    private mutating func reachInDependencyOrder(extra: Int) {
        let order = program.grantOrder
        for group in order.groups {
            var changed = true
            while changed {
                changed = false
                for k in Int(group.start)..<Int(group.start + group.count) {
                    let i = Int(order.items[k])
                    guard active[i] && !granted[i] else { continue }
                    let item = program.hotItems[i]
                    if item.isCostly && i != extra { continue }
                    guard item.criteria < 0 || eval(item.criteria, true) == .yes, prerequisitesMet(i) else { continue }
                    grant(i)
                    changed = group.repeats
                }
            }
        }
    }

    func prerequisitesMet(_ i: Int) -> Bool {
        let item = program.hotItems[i]
        for r in Int(item.requiresStart)..<Int(item.requiresStart + item.requiresCount) {
            let req = program.hotPrerequisites[r]
            if granted[Int(req.item)] { continue }
            if req.when >= 0 && eval(req.when, false) == .yes { continue }
            return false
        }
        return true
    }

    private mutating func grant(_ i: Int) {
        addedSince = true
        granted[i] = true
        grantOrder.append(i)
        var touchesDerived = false
        let item = program.hotItems[i]
        for e in Int(item.effectsStart)..<Int(item.effectsStart + item.effectsCount) {
            let effect = program.hotEffects[e]
            let slot = Int(effect.slot)
            let bit: UInt64 = 1 << UInt64(effect.bit)
            if added[slot] & bit == 0 {
                added[slot] |= bit
                if tracking { firstAchiever[slot * 64 + Int(effect.bit)] = Int32(i) }
                if feedsDerived[slot] { touchesDerived = true }
            }
        }
        if touchesDerived {
            let before = added
            updateDerivedAdded()
            if tracking {
                for d in program.hotDerived {
                    let slot = Int(d.slot)
                    let fresh = added[slot] & ~before[slot]
                    for bit in 0..<64 where fresh & (1 << UInt64(bit)) != 0 && firstAchiever[slot * 64 + bit] < 0 {
                        firstAchiever[slot * 64 + bit] = Int32(i)
                    }
                }
            }
        }
    }

    // MARK: conditions

    /// Whether a condition can be made true (`wantTrue`) or false, given the facts and
    /// the values steps have added: yes, no, or unknown when unknown facts decide.
    func eval(_ node: Int32, _ wantTrue: Bool) -> Kleene {
        let n = program.nodes[Int(node)]
        switch n.kind {
        case .leaf:
            return evalLeaf(Int(n.first), wantTrue)
        case .not:
            return eval(program.children[Int(n.first)], !wantTrue)
        case .all, .any:
            // all/true and any/false need every child; any/true and all/false need one.
            let needsEvery = (n.kind == .all) == wantTrue
            var result: Kleene = needsEvery ? .yes : .no
            let start = Int(n.first)
            for c in start..<(start + Int(n.count)) {
                let v = eval(program.children[c], wantTrue)
                if needsEvery {
                    if v == .no { return .no }
                    if v == .unknown { result = .unknown }
                } else {
                    if v == .yes { return .yes }
                    if v == .unknown { result = .unknown }
                }
            }
            return result
        }
    }

    @inline(__always)
    func evalLeaf(_ index: Int, _ wantTrue: Bool) -> Kleene {
        let leaf = program.hotLeaves[index]
        let slot = Int(leaf.slot)
        let value = initial[slot]
        if leaf.kind == .known {
            let canBeKnown = value.isKnown || added[slot] != 0
            return ((leaf.count != 0) == wantTrue ? canBeKnown : !value.isKnown) ? .yes : .no
        }
        if added[slot] & (wantTrue ? leaf.trueMask : leaf.falseMask) != 0 { return .yes }
        guard value.isKnown else { return .unknown }
        return holds(leaf, value) == wantTrue ? .yes : .no
    }

    /// How a comparison comes out on the patient's own facts: 0 false, 1 true, 2 unknown.
    @inline(__always)
    func leafCode(_ index: Int) -> UInt64 {
        let leaf = program.hotLeaves[index]
        let value = initial[Int(leaf.slot)]
        if leaf.kind == .known { return value.isKnown ? 1 : 0 }
        guard value.isKnown else { return 2 }
        return holds(leaf, value) ? 1 : 0
    }

    /// Whether a known value passes comparison `index` on this evaluation date.
    func holds(leaf index: Int, _ value: SlotValue) -> Bool {
        holds(program.hotLeaves[index], value)
    }

    @inline(__always)
    private func holds(_ leaf: HotLeaf, _ value: SlotValue) -> Bool {
        leaf.holds(value, values: program.hotValues, ranges: program.hotRanges, cutoffs: cutoffValues)
    }
}

extension Program {
    /// A decoded fact value in slot form (the program's text ids are its vocabulary's).
    public func slotValue(_ value: FactValue) -> SlotValue { vocabulary.slotValue(value) }
}

/// The values a derived fact is computed from, as a key for remembering it.
struct DerivedKey: Hashable, Sendable {
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

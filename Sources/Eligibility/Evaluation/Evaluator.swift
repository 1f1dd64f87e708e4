/// Evaluates one patient at a time against a program. Holds the patient's fact slots and
/// the reachability state in arrays sized once, so evaluating many patients in a row
/// allocates nothing per patient. Not shared between threads: make one per thread.
public struct Evaluator {
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
    var asOf: Day
    var cutoffs: DateCutoffs
    private let feedsDerived: [Bool]
    private let allDurations: [Duration]

    public init(program: Program) {
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
        cutoffs = DateCutoffs(asOf: asOf)
        var feeds = Array(repeating: false, count: slots)
        for derived in program.derived { for input in derived.inputs { feeds[input] = true } }
        feedsDerived = feeds
        var durations: [Duration] = []
        for leaf in program.leaves {
            switch leaf.test {
            case .olderThan(let d), .within(let d): durations.append(d)
            default: break
            }
        }
        allDurations = Array(Set(durations))
    }

    // MARK: loading a patient

    /// Starts a new patient: every fact unknown, the evaluation date set.
    public mutating func reset(asOf day: Day) {
        for i in initial.indices { initial[i] = .unknown }
        if asOf != day {
            asOf = day
            cutoffs = DateCutoffs(asOf: day)
            cutoffs.prepare(allDurations)
        }
    }

    /// Sets one input fact.
    public mutating func set(slot: Int, _ value: SlotValue) {
        initial[slot] = value
    }

    /// Loads input facts read straight into slots of the program's vocabulary.
    public mutating func load(inputs: [SlotValue], asOf day: Day) {
        reset(asOf: day)
        for i in 0..<min(inputs.count, program.inputCount) { initial[i] = inputs[i] }
    }

    /// Loads a decoded patient.
    public mutating func load(_ patient: Patient, asOf day: Day) {
        reset(asOf: day)
        for (name, value) in patient.facts {
            guard let slot = program.slot(name) else { continue }
            initial[slot] = program.slotValue(value)
        }
    }

    // MARK: running

    /// Computes derived facts, what holds now, and the least fixed point of what can be reached.
    public mutating func run(trackAchievers: Bool = false) {
        run(trackAchievers: trackAchievers, allowing: -1)
    }

    /// - Parameter extra: one costly action the fixed point may use (to try a way out), or -1.
    mutating func run(trackAchievers: Bool, allowing extra: Int) {
        tracking = trackAchievers
        for i in added.indices { added[i] = 0 }
        if tracking { for i in firstAchiever.indices { firstAchiever[i] = -1 } }
        computeDerivedNow()
        markActive()
        computeEligibleNow()
        reach(extra: extra)
    }

    private mutating func markActive() {
        let js = program.jurisdictionSlot
        let j = js >= 0 ? initial[js] : .unknown
        for (i, item) in program.items.enumerated() {
            var on = item.isValid(on: asOf)
            if on, let code = item.jurisdiction {
                on = j.isKnown && j.bits == Int64(program.symbol(code))
            }
            active[i] = on
        }
    }

    private mutating func computeDerivedNow() {
        for derived in program.derived {
            switch derived.rule {
            case .daysSince(let source):
                let v = initial[source]
                initial[derived.slot] = v.isKnown ? .integer(Int(Int64(asOf.ordinal) - v.bits)) : .unknown
            case .cases(let cases, let otherwiseBit):
                var result: SlotValue = .unknown
                var decided = false
                for (when, bit) in cases {
                    switch eval(when, true) {
                    case .yes: result = program.literals[derived.slot][bit]; decided = true
                    case .unknown: decided = true
                    case .no: continue
                    }
                    break
                }
                if !decided, let bit = otherwiseBit { result = program.literals[derived.slot][bit] }
                initial[derived.slot] = result
            }
        }
    }

    /// Recomputes which values derived facts can take once steps have added values.
    private mutating func updateDerivedAdded() {
        for derived in program.derived {
            guard case .cases(let cases, let otherwiseBit) = derived.rule else { continue }
            var mask: UInt64 = 0
            var reachedEnd = true
            for (when, bit) in cases {
                if eval(when, true) == .yes { mask |= 1 << UInt64(bit) }
                if eval(when, false) != .yes { reachedEnd = false; break }
            }
            if reachedEnd, let bit = otherwiseBit { mask |= 1 << UInt64(bit) }
            added[derived.slot] = mask
        }
    }

    private mutating func computeEligibleNow() {
        for i in eligibleNow.indices { eligibleNow[i] = false }
        var changed = true
        while changed {
            changed = false
            for i in 0..<program.serviceCount where active[i] && !eligibleNow[i] {
                let item = program.items[i]
                guard item.criteria < 0 || eval(item.criteria, true) == .yes else { continue }
                var ok = true
                for req in item.requires where !eligibleNow[req.item] {
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
        var changed = true
        while changed {
            changed = false
            for i in program.items.indices where active[i] && !granted[i] {
                let item = program.items[i]
                if item.isCostly && i != extra { continue }
                guard item.criteria < 0 || eval(item.criteria, true) == .yes,
                      prerequisitesMet(item) else { continue }
                grant(i)
                changed = true
            }
        }
    }

    func prerequisitesMet(_ item: CompiledItem) -> Bool {
        for req in item.requires where !granted[req.item] {
            if req.when >= 0 && eval(req.when, false) == .yes { continue }
            return false
        }
        return true
    }

    private mutating func grant(_ i: Int) {
        granted[i] = true
        grantOrder.append(i)
        var touchesDerived = false
        for effect in program.items[i].effects {
            let bit: UInt64 = 1 << UInt64(effect.bit)
            if added[effect.slot] & bit == 0 {
                added[effect.slot] |= bit
                if tracking { firstAchiever[effect.slot * 64 + effect.bit] = Int32(i) }
                if feedsDerived[effect.slot] { touchesDerived = true }
            }
        }
        if touchesDerived {
            let before = added
            updateDerivedAdded()
            if tracking {
                for d in program.derived {
                    let fresh = added[d.slot] & ~before[d.slot]
                    for bit in 0..<64 where fresh & (1 << UInt64(bit)) != 0 && firstAchiever[d.slot * 64 + bit] < 0 {
                        firstAchiever[d.slot * 64 + bit] = Int32(i)
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
        let leaf = program.leaves[index]
        let value = initial[leaf.slot]
        let extra = added[leaf.slot] & (wantTrue ? leaf.trueMask : leaf.falseMask)
        if case .known(let flag) = leaf.test {
            let canBeKnown = value.isKnown || added[leaf.slot] != 0
            return (flag == wantTrue ? canBeKnown : !value.isKnown) ? .yes : .no
        }
        if extra != 0 { return .yes }
        guard value.isKnown else { return .unknown }
        let holds = LeafTest.holds(leaf.test, value, cutoffs: cutoffs) ?? false
        return holds == wantTrue ? .yes : .no
    }
}

extension Program {
    /// A decoded fact value in slot form.
    public func slotValue(_ value: FactValue) -> SlotValue {
        switch value {
        case .bool(let v): return .bool(v)
        case .integer(let v): return .integer(v)
        case .number(let v): return .number(v)
        case .date(let d): return .date(d)
        case .string(let s): return .symbol(symbol(s), code: SlotValue.packICD10(s))
        }
    }
}

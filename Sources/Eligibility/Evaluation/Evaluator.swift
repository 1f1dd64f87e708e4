/// Evaluates one patient against a program, as plainly as the semantics can be said:
/// derived facts from the patient's facts, what holds now, and the least fixed point of
/// what cost-free steps can reach, in passes over all items until nothing changes.
/// Single-patient answers, plans, rule tests and explanations use it; the cohort engine
/// (`Accelerated/`) is held equal to it by the differential test.
package struct Evaluator: Sendable {
    let program: Program
    /// The patient's facts, then the derived facts computed from them.
    var initial: [SlotValue]
    /// Per slot, which effect values (bits of `program.literals[slot]`) steps can add.
    var added: [UInt64]
    /// Items of the patient's jurisdiction and in force on the evaluation date.
    var active: [Bool]
    var granted: [Bool]
    var eligibleNow: [Bool]
    /// Items in the order the fixed point granted them: the plan.
    var grantOrder: [Int] = []
    /// Per slot and effect bit, the item that first added it; empty unless the last run
    /// tracked achievers.
    var firstAchiever: [Int32] = []
    var tracking = false
    /// Per slot holding a text value, the value as the patient gave it, after its slot's
    /// `name = ` (for explanations, which the slots, holding only ids, cannot give); nil
    /// for the other slots. Made once per patient: many reasons cite the same fact.
    var seenTexts: [String?]
    var asOf = Day(ordinal: 0)

    package init(program: Program) {
        self.program = program
        let slots = program.factNames.count
        initial = Array(repeating: .unknown, count: slots)
        seenTexts = Array(repeating: nil, count: slots)
        added = Array(repeating: 0, count: slots)
        active = Array(repeating: false, count: program.items.count)
        granted = active
        eligibleNow = active
    }

    // MARK: loading a patient

    /// Loads a decoded patient.
    mutating func load(_ patient: Patient, asOf day: Day) {
        load(inputs: [], asOf: day)
        for (name, value) in patient.facts {
            guard let slot = program.slot(name) else { continue }
            initial[slot] = program.slotValue(value)
            if case .string(let text) = value { seenTexts[slot] = program.seenPrefixes[slot] + text }
        }
    }

    /// Loads input facts already in slot form (the vocabulary's input slots, in order);
    /// the rest are unknown.
    package mutating func load(inputs: [SlotValue], asOf day: Day) {
        asOf = day
        for slot in seenTexts.indices { seenTexts[slot] = nil }
        for slot in initial.indices { initial[slot] = slot < min(inputs.count, program.inputCount) ? inputs[slot] : .unknown }
    }

    /// This evaluation as things stand before any step: the patient's own facts only.
    func beforeSteps() -> Evaluator {
        var copy = self
        for i in copy.added.indices { copy.added[i] = 0 }
        return copy
    }

    /// A fact's value in words, as the patient gave it.
    func describe(slot: Int) -> String {
        if initial[slot].isKnown, let seen = seenTexts[slot] {
            return String(Substring(seen.utf8.dropFirst(program.seenPrefixes[slot].utf8.count)))
        }
        return program.describe(initial[slot])
    }

    /// A slot as a reason shows what was seen of it: `name = value`, `name = unknown`.
    func seen(slot: Int) -> String {
        let value = initial[slot]
        guard value.isKnown else { return program.seenUnknown[slot] }
        if let text = seenTexts[slot] { return text }
        return program.seenPrefixes[slot] + program.describe(value)
    }

    // MARK: running

    /// Computes derived facts, what holds now, and the least fixed point of what can be reached.
    /// - Parameters:
    ///   - trackAchievers: remember which item first added each effect value (for plans).
    ///   - extra: one costly action the fixed point may use (to try a way out), or -1.
    package mutating func run(trackAchievers: Bool = false, allowing extra: Int = -1) {
        tracking = trackAchievers
        for i in added.indices { added[i] = 0 }
        if !trackAchievers {
            firstAchiever = []
        } else if firstAchiever.isEmpty {
            firstAchiever = Array(repeating: -1, count: added.count * 64)
        } else {
            for i in firstAchiever.indices { firstAchiever[i] = -1 }
        }
        for derived in program.derived { initial[derived.slot] = value(of: derived) }
        for i in program.items.indices { active[i] = isInForce(i) }
        computeEligibleNow()
        reach(extra: extra)
    }

    /// Whether an item applies to the patient: in force on the evaluation date, and of the
    /// patient's country (or of none).
    private func isInForce(_ i: Int) -> Bool {
        guard asOf >= program.items[i].validFrom, program.items[i].validTo.map({ asOf <= $0 }) ?? true else { return false }
        guard let country = program.itemJurisdiction[i] else { return true }
        let js = program.jurisdictionSlot
        let patient = js >= 0 ? initial[js] : .unknown
        return patient.isKnown && patient.bits == Int64(country)
    }

    /// A derived fact's value on the patient's own facts: the value of the first case
    /// that holds (unknown when an earlier case is undecided), else `otherwise`.
    private func value(of derived: CompiledDerived) -> SlotValue {
        switch derived.rule {
        case .daysSince(let source):
            let date = initial[source]
            return date.isKnown ? .integer(Int(Int64(asOf.ordinal) - date.bits)) : .unknown
        case .cases(let cases, let otherwise):
            for (when, bit) in cases {
                switch eval(when, true) {
                case .yes: return program.literals[derived.slot][bit]
                case .unknown: return .unknown
                case .no: continue
                }
            }
            return otherwise.map { program.literals[derived.slot][$0] } ?? .unknown
        }
    }

    /// Services that hold on the patient's facts alone, with no step taken.
    private mutating func computeEligibleNow() {
        for i in eligibleNow.indices { eligibleNow[i] = false }
        var changed = true
        while changed {
            changed = false
            for i in 0..<program.serviceCount where active[i] && !eligibleNow[i] {
                let criteria = program.items[i].criteria
                guard criteria < 0 || eval(criteria, true) == .yes,
                      program.items[i].requires.allSatisfy({ eligibleNow[$0.item] || ($0.when >= 0 && eval($0.when, false) == .yes) })
                else { continue }
                eligibleNow[i] = true
                changed = true
            }
        }
    }

    /// The least fixed point: grants every active, cost-free item whose criteria can hold
    /// and whose prerequisites are granted, adding its effects, until nothing changes.
    private mutating func reach(extra: Int) {
        for i in granted.indices { granted[i] = false }
        grantOrder.removeAll()
        grow(extra: extra)
    }

    /// The same fixed point with one costly action allowed, continued from this run's
    /// (which must have allowed none, on the same facts): what is granted only grows when
    /// more is allowed, so the set granted is the one `run(allowing: action)` gives from
    /// scratch, for less work (a test holds the two equal). Achievers are not tracked.
    package mutating func extend(allowing action: Int) {
        tracking = false
        grow(extra: action)
    }

    private mutating func grow(extra: Int) {
        var changed = true
        while changed {
            changed = false
            for i in program.items.indices where active[i] && !granted[i] {
                if program.items[i].isCostly && i != extra { continue }
                let criteria = program.items[i].criteria
                guard criteria < 0 || eval(criteria, true) == .yes, prerequisitesMet(i) else { continue }
                grant(i)
                changed = true
            }
        }
    }

    func prerequisitesMet(_ i: Int) -> Bool {
        program.items[i].requires.allSatisfy { granted[$0.item] || ($0.when >= 0 && eval($0.when, false) == .yes) }
    }

    /// Adds an item's effects; a derived fact read from a fact that gained a value may
    /// gain values too.
    private mutating func grant(_ i: Int) {
        granted[i] = true
        grantOrder.append(i)
        var feedsDerived = false
        for (slot, bit) in program.items[i].effects where added[slot] & (1 << UInt64(bit)) == 0 {
            added[slot] |= 1 << UInt64(bit)
            if tracking { firstAchiever[slot * 64 + bit] = Int32(i) }
            if program.derived.contains(where: { $0.inputs.contains(slot) }) { feedsDerived = true }
        }
        guard feedsDerived else { return }
        for derived in program.derived {
            guard case .cases(let cases, let otherwise) = derived.rule else { continue }
            let before = added[derived.slot]
            added[derived.slot] = valuesStepsCanGive(cases, otherwise)
            guard tracking else { continue }
            for bit in 0..<64 where added[derived.slot] & ~before & (1 << UInt64(bit)) != 0 && firstAchiever[derived.slot * 64 + bit] < 0 {
                firstAchiever[derived.slot * 64 + bit] = Int32(i)
            }
        }
    }

    /// The values (bits) a derived fact can take once steps have added values: each case
    /// that can hold, as long as the cases before it can fail, and `otherwise` when all can.
    private func valuesStepsCanGive(_ cases: [(when: Int32, valueBit: Int)], _ otherwise: Int?) -> UInt64 {
        var mask: UInt64 = 0
        for (when, bit) in cases {
            if eval(when, true) == .yes { mask |= 1 << UInt64(bit) }
            if eval(when, false) != .yes { return mask }
        }
        return mask | (otherwise.map { 1 << UInt64($0) } ?? 0)
    }

    // MARK: conditions

    /// Whether a condition can be made true (`wantTrue`) or false, given the facts and
    /// the values steps have added: yes, no, or unknown when unknown facts decide.
    func eval(_ node: Int32, _ wantTrue: Bool) -> Kleene {
        let n = program.nodes[Int(node)]
        switch n.kind {
        case .leaf: return evalLeaf(Int(n.first), wantTrue)
        case .not: return eval(program.children[Int(n.first)], !wantTrue)
        // all/true and any/false need every child; any/true and all/false need one.
        case .all: return wantTrue ? every(n, true) : some(n, false)
        case .any: return wantTrue ? some(n, true) : every(n, false)
        }
    }

    /// `and` over a node's children (Kleene: yes when there are none); stops at the first no.
    private func every(_ n: ConditionNode, _ wantTrue: Bool) -> Kleene {
        var result = Kleene.yes
        for c in Int(n.first)..<Int(n.first + n.count) {
            result = min(result, eval(program.children[c], wantTrue))
            if result == .no { return .no }
        }
        return result
    }

    /// `or` over a node's children (Kleene: no when there are none); stops at the first yes.
    private func some(_ n: ConditionNode, _ wantTrue: Bool) -> Kleene {
        var result = Kleene.no
        for c in Int(n.first)..<Int(n.first + n.count) {
            result = max(result, eval(program.children[c], wantTrue))
            if result == .yes { return .yes }
        }
        return result
    }

    func evalLeaf(_ index: Int, _ wantTrue: Bool) -> Kleene {
        // The leaf's parts are read where they lie: a copy of the whole leaf would retain
        // and release its arrays on every call, and this is the evaluator's innermost step.
        let slot = program.leaves[index].slot
        let test = program.leaves[index].test
        let value = initial[slot]
        if case .known(let mustBeKnown) = test {
            let canBeKnown = value.isKnown || added[slot] != 0
            return (mustBeKnown == wantTrue ? canBeKnown : !value.isKnown) ? .yes : .no
        }
        if added[slot] & (wantTrue ? program.leaves[index].trueMask : program.leaves[index].falseMask) != 0 { return .yes }
        guard value.isKnown else { return .unknown }
        return test.holds(value, asOf: asOf) == wantTrue ? .yes : .no
    }

    /// Whether a known value passes comparison `index` on this evaluation date.
    func holds(leaf index: Int, _ value: SlotValue) -> Bool {
        program.leaves[index].holds(value, asOf: asOf)
    }
}

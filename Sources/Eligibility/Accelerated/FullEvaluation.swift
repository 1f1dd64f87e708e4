/// The cohort engine's evaluation of one patient, for the services its outcome caches do
/// not know yet: the reference `Evaluator`'s semantics on the flat tables of a
/// `CohortProgram`, reading facts straight from a worker's slot buffer, remembering
/// derived facts by their inputs, reaching the fixed point in one pass over
/// `GrantOrder` and evaluating only the items asked for. Holds its state in arrays sized
/// once, so evaluating many patients in a row allocates nothing per patient. One per
/// worker thread.
struct FullEvaluation {
    let rules: CohortProgram
    /// The patient's facts, then the derived facts computed from them.
    var initial: [SlotValue]
    /// Per slot, which effect values (bits of `program.literals[slot]`) steps can add.
    var added: [UInt64]
    var active: [Bool]
    var granted: [Bool]
    var eligibleNow: [Bool]
    /// Whether a step has added values since `added` was last cleared.
    var addedSince = false
    var asOf = Day(ordinal: 0)
    /// The evaluation date moved back by each of `rules.durations`.
    var cutoffValues: [Int64]
    /// Per slot: whether a derived fact is computed from it.
    let feedsDerived: [Bool]
    /// Derived facts remembered by the values they are computed from (see `DerivedMemory`).
    var derivedMemory: DerivedMemory

    init(rules: CohortProgram) {
        self.rules = rules
        let program = rules.program
        let slots = program.factNames.count
        initial = Array(repeating: .unknown, count: slots)
        added = Array(repeating: 0, count: slots)
        active = Array(repeating: false, count: program.items.count)
        granted = active
        eligibleNow = active
        var feeds = Array(repeating: false, count: slots)
        for derived in program.derived { for input in derived.inputs { feeds[input] = true } }
        feedsDerived = feeds
        cutoffValues = Array(repeating: 0, count: max(1, rules.durations.count))
        derivedMemory = DerivedMemory(program.derived)
    }

    var program: Program { rules.program }

    // MARK: loading a patient

    /// Loads `count` input facts from a worker's slot buffer; the rest are unknown.
    /// Derived slots are left as they are: every run computes them afresh.
    mutating func load(inputs: UnsafePointer<SlotValue>, count given: Int, asOf day: Day) {
        if asOf != day {
            asOf = day
            for (i, d) in rules.durations.enumerated() { cutoffValues[i] = Int64(day.minus(d).ordinal) }
        }
        let given = min(given, program.inputCount)
        let count = program.inputCount
        initial.withUnsafeMutableBufferPointer { slots in
            for i in 0..<given { slots[i] = inputs[i] }
            for i in given..<count { slots[i] = .unknown }
        }
    }

    // MARK: running

    /// First half of a run: clears what steps added and computes the derived facts.
    /// After it, the comparisons can be worked out (`leafCode`) to look outcomes up.
    mutating func prepare() {
        if addedSince {
            for i in added.indices { added[i] = 0 }
            addedSince = false
        }
        computeDerivedNow()
    }

    /// Second half: what holds now and the fixed point of what can be reached, for the
    /// items in `only` (the others' outcomes are known already and left out).
    mutating func finish(only: [Bool]) {
        markActive(only: only)
        computeEligibleNow()
        reachInDependencyOrder()
    }

    private mutating func markActive(only: [Bool]) {
        let js = program.jurisdictionSlot
        let j = js >= 0 ? initial[js] : .unknown
        let day = asOf.ordinal
        for i in rules.items.indices {
            let item = rules.items[i]
            var on = only[i] && day >= item.validFrom && day <= item.validTo
            if on, item.jurisdiction >= 0 {
                on = j.isKnown && j.bits == item.jurisdiction
            }
            active[i] = on
        }
    }

    private mutating func computeEligibleNow() {
        for i in eligibleNow.indices { eligibleNow[i] = false }
        var changed = true
        while changed {
            changed = false
            for i in 0..<program.serviceCount where active[i] && !eligibleNow[i] {
                let item = rules.items[i]
                guard item.criteria < 0 || eval(item.criteria, true) == .yes else { continue }
                var ok = true
                for r in Int(item.requiresStart)..<Int(item.requiresStart + item.requiresCount) {
                    let req = rules.prerequisites[r]
                    if eligibleNow[Int(req.item)] { continue }
                    if req.when >= 0 && eval(req.when, false) == .yes { continue }
                    ok = false
                    break
                }
                if ok { eligibleNow[i] = true; changed = true }
            }
        }
    }

    /// The reference's least fixed point in one pass over `rules.grantOrder`, repeating
    /// only inside groups that wait on each other.
    private mutating func reachInDependencyOrder() {
        for i in granted.indices { granted[i] = false }
        let order = rules.grantOrder
        for group in order.groups {
            var changed = true
            while changed {
                changed = false
                for k in Int(group.start)..<Int(group.start + group.count) {
                    let i = Int(order.items[k])
                    guard active[i] && !granted[i] else { continue }
                    let item = rules.items[i]
                    if item.isCostly { continue }
                    guard item.criteria < 0 || eval(item.criteria, true) == .yes, prerequisitesMet(i) else { continue }
                    grant(i)
                    changed = group.repeats
                }
            }
        }
    }

    private func prerequisitesMet(_ i: Int) -> Bool {
        let item = rules.items[i]
        for r in Int(item.requiresStart)..<Int(item.requiresStart + item.requiresCount) {
            let req = rules.prerequisites[r]
            if granted[Int(req.item)] { continue }
            if req.when >= 0 && eval(req.when, false) == .yes { continue }
            return false
        }
        return true
    }

    private mutating func grant(_ i: Int) {
        addedSince = true
        granted[i] = true
        var touchesDerived = false
        let item = rules.items[i]
        for e in Int(item.effectsStart)..<Int(item.effectsStart + item.effectsCount) {
            let effect = rules.effects[e]
            let slot = Int(effect.slot)
            let bit: UInt64 = 1 << UInt64(effect.bit)
            if added[slot] & bit == 0 {
                added[slot] |= bit
                if feedsDerived[slot] { touchesDerived = true }
            }
        }
        if touchesDerived { updateDerivedAdded() }
    }
}

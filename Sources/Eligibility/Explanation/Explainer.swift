/// Turns the state of an evaluation into a `Report`: reasons traced to rule lines and
/// sources, missing facts, plans, deadlocks and ways out. Used only when someone reads
/// the answer; cohort runs stop at verdicts.
struct Explainer {
    var evaluator: Evaluator
    /// The same evaluation before any step, for what holds on the patient's own facts.
    let before: Evaluator
    let analysis: StatusAnalysis
    let services: [String: Service]
    let actions: [String: Action]
    /// The trial runs of ways out, shared across services.
    var trials = TrialOutcomes()
    /// Each item's place in the order the fixed point granted items; `Int.max` for an item
    /// never granted.
    let grantPosition: [Int]

    init(evaluator: Evaluator) {
        self.evaluator = evaluator
        self.before = evaluator.beforeSteps()
        self.analysis = evaluator.analyse()
        services = evaluator.program.entries.servicesById
        actions = evaluator.program.entries.actionsById
        var position = Array(repeating: Int.max, count: evaluator.program.items.count)
        for (n, item) in evaluator.grantOrder.enumerated() where position[item] == .max { position[item] = n }
        grantPosition = position
    }

    var program: Program { evaluator.program }

    func report(patientId: String, only: Set<Int>? = nil) -> Report {
        let each = serviceOutcomes(only: only, withDeadlocks: true)
        let js = program.jurisdictionSlot
        var needed = PlanNeeds()
        for item in each.planItems { needed.need(item) }
        for s in each.planItems where s < program.serviceCount {
            needed.merge(each.neededBy[s] ?? neededItems(for: s))
        }
        var report = Report(patient: patientId, asOf: evaluator.asOf,
                      jurisdiction: js >= 0 && evaluator.initial[js].isKnown ? evaluator.describe(slot: js) : nil,
                      rulesVersion: program.library.version, files: program.library.files,
                      services: each.outcomes, deadlocks: each.deadlocks,
                      plan: steps(needed),
                      questions: questions(among: each.outcomes))
        report.gaps = gaps()
        report.alternatives = alternatives(among: each.outcomes)
        applyAlerts(to: &report)
        return report
    }

    /// The services alone, each explained with its own plan and ways out (and the alerts'
    /// notes, as in the report), and the open questions: what a CDS Hooks card shows,
    /// without the report's gaps, choices, deadlocks, alert list or whole plan.
    func outcomes(only: Set<Int>? = nil) -> ServiceOutcomes {
        var services = serviceOutcomes(only: only, withDeadlocks: false).outcomes
        let active = activeAlerts()
        noteAlerts(active, on: &services)
        var outcomes = ServiceOutcomes(rulesVersion: program.library.version, services: services,
                                       questions: questions(among: services))
        outcomes.alerts = alerts(active)
        return outcomes
    }

    private func questions(among outcomes: [ServiceOutcome]) -> [Question] {
        // By index: a filter would copy each outcome whole.
        var undecided: [(id: String, missing: [String])] = []
        for i in outcomes.indices where outcomes[i].status == .needs_info { undecided.append((outcomes[i].id, outcomes[i].missingFacts)) }
        return Question.open(for: undecided, catalog: program.library.catalog)
    }

    /// Each service explained, in rule order; the deadlocks they are part of (each once);
    /// the items the plans of the open services need, and what each open service needs.
    private func serviceOutcomes(only: Set<Int>?, withDeadlocks: Bool)
        -> (outcomes: [ServiceOutcome], deadlocks: [Deadlock], planItems: Set<Int>, neededBy: [Int: PlanNeeds]) {
        var outcomes: [ServiceOutcome] = []
        var neededBy: [Int: PlanNeeds] = [:]
        var deadlocks: [String: Deadlock] = [:]
        var deadlockOrder: [String] = []
        var planItems: Set<Int> = []
        var supports = SupportMemo(count: program.items.count)
        for s in 0..<program.serviceCount where evaluator.active[s] && (only?.contains(s) ?? true) {
            let verdict = evaluator.verdict(s, analysis)
            // Completed in place in the list: a local outcome appended at the end was copied whole.
            outcomes.append(explain(verdict))
            let last = outcomes.count - 1
            if verdict.status == .reachable || verdict.status == .eligible {
                let needed = neededItems(for: s, supports: &supports)
                neededBy[s] = needed
                planItems.formUnion(needed.items)
                outcomes[last].plan = steps(needed)
            }
            if withDeadlocks, verdict.status == .deadlocked, !verdict.cycle.isEmpty {
                let key = canonicalKey(verdict.cycle)
                if deadlocks[key] == nil {
                    deadlocks[key] = deadlock(verdict.cycle, ways: outcomes[last].waysOut)
                    deadlockOrder.append(key)
                }
            }
        }
        return (outcomes, deadlockOrder.compactMap { deadlocks[$0] }, planItems, neededBy)
    }

    /// A deadlock's identity: its cycle, which starts at the smallest id (`Verdict.cycle`).
    private func canonicalKey(_ cycle: [Int]) -> String {
        cycle.map(String.init).joined(separator: ",")
    }

    // MARK: one service

    /// - Parameter withWaysOut: work out the ways out (trial runs); a caller that needs only
    ///   the reasons and the summary leaves them empty.
    func explain(_ verdict: Verdict, withWaysOut: Bool = true) -> ServiceOutcome {
        // The item's fields are read in place: a copy of the compiled item retains each of its counted fields.
        let id = program.items[verdict.item].id, criteria = program.items[verdict.item].criteria
        let s = program.itemService[verdict.item], serviceList = program.entries.services
        let missingFacts = verdict.missing.map { program.factNames[$0] }
        var outcome = ServiceOutcome(
            id: id, title: s >= 0 ? serviceList[s].title : id, agency: s >= 0 ? serviceList[s].agency : "",
            status: verdict.status, summary: "", reasons: [], missingFacts: missingFacts,
            blockedBy: verdict.blockedBy.map { program.items[$0].id },
            rootCause: verdict.rootCause.map { program.items[$0].id },
            cycle: verdict.cycle.map { program.items[$0].id }, waysOut: [], plan: [],
            deadline: s >= 0 ? serviceList[s].deadline : nil, documents: s >= 0 ? serviceList[s].documents : [])
        switch verdict.status {
        case .eligible:
            outcome.reasons = leafReasons(criteria, true, target: .yes, beforeSteps: true)
            outcome.summary = "qualifies now"
        case .reachable:
            outcome.reasons = leafReasons(criteria, true, target: .yes)
            outcome.summary = "can qualify after the steps in the plan"
        case .ineligible:
            outcome.reasons = failingReasons(verdict.item)
            outcome.summary = outcome.reasons.first.map { "not met: \($0.text)" } ?? "not offered for this patient"
            if withWaysOut { outcome.waysOut = waysOut(for: verdict.item, involved: [verdict.item], actionsOnly: true) }
        case .needs_info:
            outcome.reasons = leafReasons(criteria, true, target: .unknown)
            if outcome.reasons.isEmpty {
                outcome.reasons = verdict.blockedBy.flatMap { leafReasons(program.items[$0].criteria, true, target: .unknown) }
            }
            outcome.summary = "not known yet: " + verdict.missing.map { program.situations.labels[$0] }.joined(separator: ", ")
        case .blocked:
            var path = [verdict.item]
            if let first = verdict.blockedBy.first { path.append(first) }
            var reasons = dependencyReasons(from: verdict.item, to: verdict.blockedBy.first)
            if let root = verdict.rootCause {
                if root != verdict.blockedBy.first { reasons += dependencyReasons(from: verdict.blockedBy.first, to: root) }
                reasons += failingReasons(root)
                path.append(root)
            }
            outcome.reasons = reasons
            let rootName = (verdict.rootCause ?? verdict.blockedBy.first).map(name(of:)) ?? "a prerequisite"
            outcome.summary = "would qualify, but waits for \(rootName), which cannot be had"
            let via = verdict.blockedBy.first.flatMap { $0 == (verdict.rootCause ?? $0) ? nil : " (through \(name(of: $0)))" } ?? ""
            outcome.rootCauseTitle = rootName
            outcome.waiting = "waits for \(rootName)\(via), which this patient cannot have"
            if withWaysOut { outcome.waysOut = waysOut(for: verdict.item, involved: Array(Set(path)), actionsOnly: false) }
        case .deadlocked:
            let cycle = verdict.cycle
            var reasons: [Reason] = []
            if verdict.rootCause != nil, let first = verdict.blockedBy.first {
                reasons += dependencyReasons(from: verdict.item, to: first)
            }
            for (i, x) in cycle.enumerated() {
                reasons += dependencyReasons(from: x, to: cycle[(i + 1) % cycle.count])
            }
            outcome.reasons = reasons
            outcome.summary = "deadlocked: " + CycleText.closed(cycle.map(name(of:)))
            if withWaysOut { outcome.waysOut = waysOut(for: verdict.item, involved: cycle, actionsOnly: false) }
        }
        return outcome
    }

    private func failingReasons(_ item: Int) -> [Reason] {
        guard evaluator.active[item] else {
            let compiled = program.items[item]
            return [Reason(rule: program.itemReferences[item],
                           text: "not offered here or on this date (rules for \(compiled.jurisdiction ?? "all countries"), in force \(InForce(from: compiled.validFrom, to: compiled.validTo, location: compiled.note.origin.location).text))",
                           source: program.itemCitations[item])]
        }
        return leafReasons(program.items[item].criteria, true, target: .no)
    }

    /// Why one item waits for another: the prerequisite line or the criterion and effect.
    func dependencyReasons(from: Int?, to: Int?) -> [Reason] {
        guard let from, let to else { return [] }
        let item = program.items[from]
        var reasons: [Reason] = []
        for dep in analysis.dependencies[from] where dep.to == to {
            switch dep.reason {
            case .requires(let k):
                let req = item.requires[k]
                reasons.append(Reason(rule: req.note.origin.reference,
                                      text: "\(name(of: from)) needs \(name(of: to)) first" + (req.note.because.map { ": \($0)" } ?? ""),
                                      source: program.cite(req.note.sources), evidence: evidence(at: req.note.origin)))
            case .effect(let leafIndex, let wantTrue):
                let leaf = program.leaves[leafIndex]
                let node = program.nodes.firstIndex { $0.kind == .leaf && Int($0.first) == leafIndex } ?? 0
                let note = program.notes[Int(program.nodeNotes[node])]
                let words = ConditionWording.describe(leaf.comparison, wantTrue: wantTrue)
                let wording = program.situations
                let asked = "\(wording.labels[leaf.slot]): \(wantTrue ? wording.asked[leafIndex].holds : wording.asked[leafIndex].fails)"
                reasons.append(Reason(rule: note.origin.reference,
                                      text: "\(name(of: from)) needs \(asked), which \(name(of: to)) would bring about" + (note.because.map { ": \($0)" } ?? ""),
                                      source: program.cite(note.sources), condition: words,
                                      seen: evaluator.seen(slot: leaf.slot),
                                      evidence: evidence(at: note.origin)))
            }
        }
        return Array(reasons.prefix(2))
    }

    /// The comparisons that decide a condition's outcome (`target`), as reasons.
    /// - Parameter beforeSteps: as things stand now, on the patient's own facts (else with
    ///   what the steps of the plan add).
    func leafReasons(_ node: Int32, _ wantTrue: Bool, target: Kleene, beforeSteps: Bool = false) -> [Reason] {
        guard node >= 0 else { return [] }
        var result: [Reason] = []
        collect(node, wantTrue, target, in: beforeSteps ? before : evaluator, into: &result)
        return result
    }

    private func collect(_ node: Int32, _ wantTrue: Bool, _ target: Kleene, in state: Evaluator, into result: inout [Reason]) {
        guard state.eval(node, wantTrue) == target else { return }
        let n = program.nodes[Int(node)]
        let noteIndex = Int(program.nodeNotes[Int(node)])
        let note = program.notes[noteIndex]
        // The condition as written is false: its own failure wording, if it has one, says it
        // for the whole of it.
        let writtenFails = (wantTrue && target == .no) || (!wantTrue && target == .yes)
        if n.kind != .leaf, writtenFails, let fails = note.fails {
            result.append(Reason(rule: program.noteReferences[noteIndex], text: fails,
                                 source: program.noteCitations[noteIndex], because: note.because))
            return
        }
        switch n.kind {
        case .leaf:
            let index = Int(n.first), slot = program.leaves[index].slot
            let words = wantTrue ? program.leafWords[index].holds : program.leafWords[index].fails
            var seen = state.seen(slot: slot)
            let value = state.initial[slot]
            let holdsNow = value.isKnown && state.holds(leaf: index, value) == wantTrue
            let extra = state.added[slot] & (wantTrue ? program.leaves[index].trueMask : program.leaves[index].falseMask)
            if !holdsNow, extra != 0 {
                seen += " (becomes \(program.describe(program.literals[slot][extra.trailingZeroBitCount])) on the way)"
            }
            // What holds reads as the rule's why; what fails or is not known, as the
            // patient's situation against the rule.
            let text: String
            let wording = program.situations
            let shown = value.isKnown ? wording.value(value, slot: slot) { state.describe(slot: slot) } : nil
            if target == .yes {
                text = note.because ?? wording.met(leaf: index, slot: slot, wantTrue: wantTrue, shown: shown)
            } else {
                text = wording.situation(leaf: index, slot: slot, wantTrue: wantTrue, shown: shown, fails: writtenFails ? note.fails : nil)
            }
            result.append(Reason(rule: program.noteReferences[noteIndex], text: text,
                                 source: program.noteCitations[noteIndex], condition: words,
                                 seen: seen, because: note.because))
        case .not:
            collect(program.children[Int(n.first)], !wantTrue, target, in: state, into: &result)
        case .all, .any:
            for c in Int(n.first)..<(Int(n.first) + Int(n.count)) {
                collect(program.children[c], wantTrue, target, in: state, into: &result)
            }
        }
    }

    /// An item as a person knows it: a service by its title (without a long bracket), a
    /// step by who does what.
    func name(of item: Int) -> String {
        let s = program.itemService[item]
        if s >= 0 { return ServiceOutcome.shortened(program.entries.services[s].title) }
        let id = program.items[item].id
        guard let action = actions[id] else { return id }
        return "\(MeetingPlan.who(action.who)): \(action.does)"
    }

    // MARK: deadlocks

    private func deadlock(_ cycle: [Int], ways: [WayOut]) -> Deadlock {
        var edges: [Reason] = []
        var sentences: [String] = []
        for (i, x) in cycle.enumerated() {
            let y = cycle[(i + 1) % cycle.count]
            let reasons = dependencyReasons(from: x, to: y)
            edges += reasons
            sentences.append("\(name(of: x)) waits for \(name(of: y))")
        }
        let agencies = cycle.map { i -> String in
            let id = program.items[i].id
            return services[id]?.agency ?? actions[id]?.who ?? id
        }
        var unique: [String] = []
        for a in agencies where !unique.contains(a) { unique.append(a) }
        return Deadlock(cycle: cycle.map { program.items[$0].id }, titles: cycle.map(name(of:)), agencies: unique,
                        explanation: sentences.joined(separator: "; ") + ", so none of them can start.",
                        edges: edges, waysOut: ways)
    }
}

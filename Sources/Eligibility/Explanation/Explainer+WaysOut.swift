extension Explainer {
    /// Single changes that, when tried, get the service granted: a costly action someone
    /// could take, or a fact the rules declare changeable (`changeable_by`) changed by
    /// whoever can change it. A clinical judgement, an age or date, or another agency's
    /// decision is never offered as something to change.
    /// - Parameters:
    ///   - involved: the items whose failing criteria or conditional prerequisites are worth changing.
    ///   - actionsOnly: try only costly actions (for services that are simply ineligible).
    func waysOut(for service: Int, involved: [Int], actionsOnly: Bool) -> [WayOut] {
        var ways: [WayOut] = []
        for a in program.items.indices where !program.items[a].isService && program.items[a].isCostly && evaluator.active[a] {
            let id = program.items[a].id
            guard wouldGrant(service, slot: nil, value: .unknown, allowing: a), let action = actions[id] else { continue }
            ways.append(WayOut(kind: .action, id: id, value: nil, description: action.does, who: action.who,
                               cost: action.costs ?? WayOut.unknownCost, uncertainty: action.uncertainty))
        }
        guard !actionsOnly else { return ways }
        var tried: Set<TrialOutcomes.Key> = []
        for (leafIndex, wantTrue) in changeableLeaves(involved) {
            let leaf = program.leaves[leafIndex]
            guard leaf.slot < program.inputCount, let fact = catalog[program.factNames[leaf.slot]],
                  !fact.changeableBy.isEmpty else { continue }
            for candidate in candidates(for: leaf) where tried.count < 80 {
                let key = TrialOutcomes.Key(slot: leaf.slot, value: candidate, action: -1)
                guard !tried.contains(key), candidate != evaluator.initial[leaf.slot],
                      evaluator.holds(leaf: leafIndex, candidate) == wantTrue else { continue }
                tried.insert(key)
                guard wouldGrant(service, slot: leaf.slot, value: candidate, allowing: -1) else { continue }
                // A change only steps inside the waiting cycle could make is no way out.
                if onlyInside(involved, slot: leaf.slot, value: candidate) { continue }
                let value = program.describe(candidate)
                let step = actionSetting(slot: leaf.slot, to: candidate, outside: involved)
                // The step that makes this change is offered already, with its cost.
                if let step, ways.contains(where: { $0.kind == .action && $0.id == step.id }) { continue }
                let description = step.map(\.does)
                    ?? "\(program.situations.leadingLabels[leaf.slot]): \(program.situations.value(candidate, slot: leaf.slot) { value })"
                ways.append(WayOut(kind: .fact_change, id: fact.name, value: value, description: description,
                                   who: step?.who ?? fact.changeableBy.joined(separator: " or "),
                                   cost: step.map { $0.costs ?? WayOut.unknownCost } ?? fact.changeCost ?? WayOut.unknownCost))
            }
        }
        return ways
    }

    private var catalog: FactCatalog { program.library.catalog }

    private func wouldGrant(_ service: Int, slot: Int?, value: SlotValue, allowing action: Int) -> Bool {
        trials.granted(TrialOutcomes.Key(slot: slot ?? -1, value: value, action: action)) {
            var trial = evaluator
            if let slot {
                trial.initial[slot] = value
                trial.run(trackAchievers: false, allowing: action)
            } else {
                // The patient's facts as they are: the run so far only grows.
                trial.extend(allowing: action)
            }
            return trial.granted
        }[service]
    }

    /// Comparisons whose change could free the items: failing criteria, and conditions
    /// under which a prerequisite applies.
    private func changeableLeaves(_ involved: [Int]) -> [(Int, Bool)] {
        var result: [(Int, Bool)] = []
        func walk(_ node: Int32, _ wantTrue: Bool) {
            guard node >= 0, evaluator.eval(node, wantTrue) != .yes else { return }
            let n = program.nodes[Int(node)]
            switch n.kind {
            case .leaf: result.append((Int(n.first), wantTrue))
            case .not: walk(program.children[Int(n.first)], !wantTrue)
            case .all, .any:
                for c in Int(n.first)..<(Int(n.first) + Int(n.count)) { walk(program.children[c], wantTrue) }
            }
        }
        for x in involved {
            let item = program.items[x]
            walk(item.criteria, true)
            for req in item.requires where !evaluator.granted[req.item] { walk(req.when, false) }
        }
        return result
    }

    /// Values worth trying for a fact: every value of a bool or enum, the literals a
    /// comparison names for numbers and text.
    private func candidates(for leaf: CompiledLeaf) -> [SlotValue] {
        switch program.factTypes[leaf.slot] {
        case .bool: return [.bool(true), .bool(false)]
        case .enumeration: return program.enumerationValues[leaf.slot]
        case .date: return []
        case .integer, .number, .string:
            let isInteger = program.factTypes[leaf.slot] == .integer
            // Rule files hold thresholds to finite numbers in the fact's range; a value no
            // fact can hold (infinite, not a number, beyond an integer) is not tried.
            func num(_ x: Double) -> SlotValue? {
                guard x.isFinite else { return nil }
                guard isInteger else { return .number(x) }
                return Int(exactly: x.rounded()).map { .integer($0) }
            }
            switch leaf.test {
            case .equals(let v): return [v]
            case .oneOf(let vs): return vs
            case .atLeast(let x): return [num(x), num(x - 1)].compactMap { $0 }
            case .atMost(let x): return [num(x), num(x + 1)].compactMap { $0 }
            case .between(let lo, let hi): return [num(lo), num(hi + 1)].compactMap { $0 }
            default: return []
            }
        }
    }

    /// Whether every step (action) that gives a fact this value is one of the waiting
    /// items, and there is one: then the change waits for the very cycle it should break.
    /// A fact no step sets is a change of circumstances and stays a way out.
    private func onlyInside(_ involved: [Int], slot: Int, value: SlotValue) -> Bool {
        var setters: [Int] = []
        for (i, item) in program.items.enumerated() where !item.isService && evaluator.active[i] {
            if item.effects.contains(where: { $0.slot == slot && program.literals[slot][$0.bit] == value }) { setters.append(i) }
        }
        return !setters.isEmpty && setters.allSatisfy(involved.contains)
    }

    /// A step that gives a fact this value and is open to this patient (their country, in force).
    /// Of the steps outside the waiting items, the first whose precondition does not fail
    /// for this patient: a step the patient cannot take would describe the change wrongly.
    private func actionSetting(slot: Int, to value: SlotValue, outside involved: [Int]) -> Action? {
        for (i, item) in program.items.enumerated() where !item.isService && evaluator.active[i] && !involved.contains(i) {
            guard item.criteria < 0 || evaluator.eval(item.criteria, true) != .no else { continue }
            for effect in item.effects where effect.slot == slot && program.literals[slot][effect.bit] == value {
                return actions[item.id]
            }
        }
        return nil
    }
}

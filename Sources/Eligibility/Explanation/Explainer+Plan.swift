extension Explainer {
    /// The granted items a service rests on, each with the items it directly enables.
    func neededItems(for service: Int) -> PlanNeeds {
        var supports = SupportMemo(count: program.items.count)
        return neededItems(for: service, supports: &supports)
    }

    /// What each item's support was worked out to be, kept across the services of one
    /// explanation: an item's supports depend on the patient's evaluation alone, and the
    /// open services share most of their prerequisites.
    struct SupportMemo {
        fileprivate var lists: [[Int]?]
        init(count: Int) { lists = Array(repeating: nil, count: count) }
    }

    /// The items the plan for `service` needs, each with the items it enables.
    func neededItems(for service: Int, supports memo: inout SupportMemo) -> PlanNeeds {
        var needed = PlanNeeds()
        needed.need(service)
        var queue = [service]
        var head = 0
        while head < queue.count {
            let x = queue[head]
            head += 1
            let supports: [Int]
            if let known = memo.lists[x] {
                supports = known
            } else {
                supports = self.supports(of: x)
                memo.lists[x] = supports
            }
            for y in supports {
                if !needed.needs(y) { queue.append(y) }
                needed.need(y, enabling: x)
            }
        }
        return needed
    }

    /// The granted items that item `x` needs: its prerequisites that apply, and for each
    /// comparison of its criteria that holds only on the way, the earliest item before it
    /// that made it hold.
    private func supports(of x: Int) -> [Int] {
        var supports: [Int] = []
        let item = program.items[x]
        for req in item.requires where evaluator.granted[req.item] {
            if req.when >= 0 && evaluator.eval(req.when, true) == .no { continue }
            supports.append(req.item)
        }
        for (leaf, wantTrue) in decidingLeaves(item.criteria) {
            let slot = program.leaves[leaf].slot
            let value = evaluator.initial[slot]
            if value.isKnown, evaluator.holds(leaf: leaf, value) == wantTrue { continue }
            // The earliest granted item before x that added a value making the leaf hold.
            var bits = evaluator.added[slot] & (wantTrue ? program.leaves[leaf].trueMask : program.leaves[leaf].falseMask)
            var first = -1
            while bits != 0 {
                let achiever = Int(evaluator.firstAchiever[slot * 64 + bits.trailingZeroBitCount])
                bits &= bits - 1
                guard achiever >= 0, achiever != x, grantPosition[achiever] < grantPosition[x] else { continue }
                if first < 0 || grantPosition[achiever] < grantPosition[first] { first = achiever }
            }
            if first >= 0 { supports.append(first) }
        }
        return supports
    }

    /// Comparisons that make a condition hold, with the polarity they hold in.
    private func decidingLeaves(_ node: Int32) -> [(Int, Bool)] {
        var result: [(Int, Bool)] = []
        func walk(_ node: Int32, _ wantTrue: Bool) {
            guard evaluator.eval(node, wantTrue) == .yes else { return }
            let n = program.nodes[Int(node)]
            switch n.kind {
            case .leaf: result.append((Int(n.first), wantTrue))
            case .not: walk(program.children[Int(n.first)], !wantTrue)
            case .all, .any:
                let needsEvery = (n.kind == .all) == wantTrue
                let range = Int(n.first)..<(Int(n.first) + Int(n.count))
                if needsEvery {
                    for c in range { walk(program.children[c], wantTrue) }
                } else if let c = range.first(where: { evaluator.eval(program.children[$0], wantTrue) == .yes && before.eval(program.children[$0], wantTrue) == .yes })
                            ?? range.first(where: { evaluator.eval(program.children[$0], wantTrue) == .yes }) {
                    walk(program.children[c], wantTrue)
                }
            }
        }
        if node >= 0 { walk(node, true) }
        return result
    }

    /// Numbered steps in the order the fixed point granted them.
    func steps(_ needed: PlanNeeds) -> [PlanStep] {
        var result: [PlanStep] = []
        let actionList = program.entries.actions, serviceList = program.entries.services
        // A local reference to the table: a sort closure that read `grantPosition` through
        // `self` would copy the whole explainer at every comparison.
        let position = grantPosition
        // The needed items that were granted, in grant order: a walk over the needed items
        // alone, not over every item granted (a plan per open service of thousands).
        let granted = needed.items.filter { position[$0] != .max }.sorted { position[$0] < position[$1] }
        for i in granted {
            guard let enabled = needed.enabled(by: i) else { continue }
            let id = program.items[i].id
            // In grant order (an item never granted, were there one, after them, by index).
            let enables = enabled.sorted { (position[$0], $0) < (position[$1], $1) }.map { program.items[$0].id }
            let step: PlanStep
            let a = program.itemAction[i], s = program.itemService[i]
            if a >= 0 {
                step = PlanStep(step: result.count + 1, id: id, does: actionList[a].does, who: actionList[a].who, enables: enables,
                                deadline: actionList[a].deadline, documents: actionList[a].documents,
                                rule: program.itemReferences[i], source: program.itemCitations[i])
            } else {
                step = PlanStep(step: result.count + 1, id: id, does: program.receiveSteps[i],
                                who: s >= 0 ? serviceList[s].agency : "", enables: enables, deadline: s >= 0 ? serviceList[s].deadline : nil,
                                documents: s >= 0 ? serviceList[s].documents : [], rule: program.itemReferences[i],
                                source: program.itemCitations[i])
            }
            result.append(step)
        }
        return result
    }
}

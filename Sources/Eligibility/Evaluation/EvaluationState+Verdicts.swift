extension EvaluationState {
    /// The verdict for every active service of the last run, in program order.
    /// - Parameter missingFacts: also list the facts that decide `needs_info` outcomes.
    func verdicts(missingFacts: Bool = true) -> [Verdict] {
        var analysis = StatusAnalysis(count: program.items.count)
        return verdicts(missingFacts: missingFacts, reusing: &analysis)
    }

    /// `verdicts`, analysing into storage kept from an earlier call.
    func verdicts(missingFacts: Bool, reusing analysis: inout StatusAnalysis) -> [Verdict] {
        analyse(into: &analysis)
        var result: [Verdict] = []
        result.reserveCapacity(program.serviceCount)
        for s in 0..<program.serviceCount where isActive(s) {
            result.append(verdict(s, analysis, missingFacts: missingFacts))
        }
        return result
    }

    func verdict(_ s: Int, _ analysis: StatusAnalysis, missingFacts: Bool = true) -> Verdict {
        if isEligibleNow(s) { return Verdict(item: s, status: .eligible) }
        if isGranted(s) { return Verdict(item: s, status: .reachable) }
        if analysis.root[s] == .ineligible { return Verdict(item: s, status: .ineligible) }
        if analysis.dead[s] {
            // The need that made it dead (its items all found dead before it): name them,
            // and follow such needs down to an item whose own criteria fail.
            let blockers = analysis.deadNeed(of: s)?.alternatives ?? []
            var root = blockers.min { analysis.deadOrder[$0] < analysis.deadOrder[$1] }
            while let r = root, analysis.root[r] != .ineligible, let need = analysis.deadNeed(of: r) {
                root = need.alternatives.min { analysis.deadOrder[$0] < analysis.deadOrder[$1] }
            }
            return Verdict(item: s, status: .blocked, blockedBy: blockers, rootCause: root)
        }
        if analysis.undecided[s] {
            guard missingFacts else { return Verdict(item: s, status: .needs_info) }
            var missing: [Int] = []
            var blockers: [Int] = []
            var seen: Set<Int> = []
            var queue = [s]
            while let x = queue.popLast() {
                guard seen.insert(x).inserted else { continue }
                collectRootUnknowns(x, analysis, into: &missing)
                for need in analysis.needs[x] where need.alternatives.allSatisfy({ analysis.dead[$0] || analysis.undecided[$0] }) {
                    for alt in need.alternatives where analysis.undecided[alt] {
                        if x == s { blockers.append(alt) }
                        queue.append(alt)
                    }
                }
            }
            return Verdict(item: s, status: .needs_info, blockedBy: Array(Set(blockers)).sorted(), missing: missing)
        }
        // Stuck, yet nothing it waits for is impossible or unknown: it waits on itself.
        if let cycle = cycle(through: s, analysis) {
            return Verdict(item: s, status: .deadlocked, blockedBy: cycle.count > 1 ? [cycle[1]] : [s], cycle: canonical(cycle))
        }
        var parent: [Int: Int] = [s: -1]
        var queue = [s]
        var head = 0
        while head < queue.count {
            let x = queue[head]
            head += 1
            if x != s, let cycle = cycle(through: x, analysis) {
                var first = x
                while let p = parent[first], p != s, p >= 0 { first = p }
                return Verdict(item: s, status: .deadlocked, blockedBy: [first], rootCause: x, cycle: canonical(cycle))
            }
            for dep in analysis.dependencies[x] where !analysis.dead[dep.to] && parent[dep.to] == nil {
                parent[dep.to] = x
                queue.append(dep.to)
            }
        }
        return Verdict(item: s, status: .blocked, blockedBy: analysis.dependencies[s].map(\.to))
    }

    /// A deadlock's identity, the same whichever service it is seen from: its cycle
    /// turned to start at the item with the smallest id.
    func canonical(_ cycle: [Int]) -> [Int] {
        guard let start = cycle.indices.min(by: { program.items[cycle[$0]].id < program.items[cycle[$1]].id }) else { return cycle }
        return Array(cycle[start...] + cycle[..<start])
    }

    /// A shortest cycle of waiting that starts and ends at `x`, if there is one.
    func cycle(through x: Int, _ analysis: StatusAnalysis) -> [Int]? {
        var parent: [Int: Int] = [x: -1]
        var queue = [x]
        var head = 0
        while head < queue.count {
            let y = queue[head]
            head += 1
            for dep in analysis.dependencies[y] where !analysis.dead[dep.to] {
                if dep.to == x {
                    var path = [y]
                    while let p = parent[path[path.count - 1]], p >= 0 { path.append(p) }
                    return Array(path.reversed())
                }
                if parent[dep.to] == nil {
                    parent[dep.to] = y
                    queue.append(dep.to)
                }
            }
        }
        return nil
    }

    private func collectRootUnknowns(_ x: Int, _ analysis: StatusAnalysis, into missing: inout [Int]) {
        if analysis.root[x] == .needsInfo { collectUnknowns(criteria(of: x), true, into: &missing) }
        if analysis.unknownWhen[x] {
            for req in (0..<prerequisiteCount(of: x)).map({ prerequisite($0, of: x) })
            where req.when >= 0 && !isGranted(req.item) && eval(req.when, false) == .unknown {
                collectUnknowns(req.when, false, into: &missing)
            }
        }
    }

    /// The unknown input facts that decide a condition: only those under parts whose
    /// outcome is still open.
    func collectUnknowns(_ node: Int32, _ wantTrue: Bool, into missing: inout [Int]) {
        guard node >= 0, eval(node, wantTrue) == .unknown else { return }
        let n = program.nodes[Int(node)]
        switch n.kind {
        case .leaf:
            let slot = program.leaves[Int(n.first)].slot
            if slot < program.inputCount {
                if !missing.contains(slot) { missing.append(slot) }
            } else if let derived = program.derived.first(where: { $0.slot == slot }) {
                for input in derived.inputs where !isKnown(slot: input) && !missing.contains(input) {
                    missing.append(input)
                }
            }
        case .not:
            collectUnknowns(program.children[Int(n.first)], !wantTrue, into: &missing)
        case .all, .any:
            for c in Int(n.first)..<(Int(n.first) + Int(n.count)) {
                collectUnknowns(program.children[c], wantTrue, into: &missing)
            }
        }
    }
}

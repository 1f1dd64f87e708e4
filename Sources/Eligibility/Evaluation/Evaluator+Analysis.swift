extension Evaluator {
    /// Whether an item is waiting on its own criteria (and why), per the last `run()`.
    enum Root: Equatable { case none, ineligible, needsInfo }

    /// One thing an item waits for: any one of the alternatives would do.
    struct Need {
        var alternatives: [Int]
        var reason: Dependency.Reason
    }

    struct Analysis {
        var criteria: [Kleene]
        var root: [Root]
        /// Every edge of waiting, with the rule behind it (for explanations).
        var dependencies: [[Dependency]]
        /// The same edges grouped: all needs must be met, each by one of its alternatives.
        var needs: [[Need]]
        var unknownWhen: [Bool]
        /// Items that can never be had: their own criteria fail for good, or a need has
        /// only such items as alternatives.
        var dead: [Bool]
        /// Items not dead whose outcome hangs on unknown facts.
        var undecided: [Bool]

        init(count: Int) {
            criteria = Array(repeating: .yes, count: count)
            root = Array(repeating: .none, count: count)
            dependencies = Array(repeating: [], count: count)
            needs = Array(repeating: [], count: count)
            unknownWhen = Array(repeating: false, count: count)
            dead = unknownWhen
            undecided = unknownWhen
        }

        /// Cleared for a new analysis of `count` items, keeping the storage of the lists.
        mutating func reset(count: Int) {
            guard criteria.count == count else { self = Analysis(count: count); return }
            criteria.withUnsafeMutableBufferPointer { $0.update(repeating: .yes) }
            root.withUnsafeMutableBufferPointer { $0.update(repeating: .none) }
            unknownWhen.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
            dead.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
            undecided.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
            for i in 0..<count where !needs[i].isEmpty { needs[i].removeAll(keepingCapacity: true) }
            for i in 0..<count where !dependencies[i].isEmpty { dependencies[i].removeAll(keepingCapacity: true) }
        }
    }

    /// The waiting graph of the last run: for every active item not granted, what it
    /// waits for. Built from the rules' prerequisites and effects only.
    func analyse() -> Analysis {
        var analysis = Analysis(count: program.items.count)
        analyse(into: &analysis)
        return analysis
    }

    /// `analyse()` into storage kept from an earlier analysis (no allocation per item).
    func analyse(into analysis: inout Analysis) {
        let count = program.items.count
        analysis.reset(count: count)
        for i in 0..<count where !granted[i] {
            let item = program.hotItems[i]
            guard active[i] else {
                analysis.root[i] = .ineligible
                analysis.criteria[i] = .no
                continue
            }
            let crit = item.criteria < 0 ? Kleene.yes : eval(item.criteria, true)
            analysis.criteria[i] = crit
            if crit == .no {
                var fixes: [(leaf: Int, wantTrue: Bool, achievers: [Int])] = []
                var groups: [[Int]] = []
                if fix(item.criteria, true, into: &fixes, groups: &groups) {
                    for group in groups {
                        let alternatives = Array(Set(group.flatMap { fixes[$0].achievers })).sorted()
                        let first = fixes[group[0]]
                        analysis.needs[i].append(Need(alternatives: alternatives, reason: .effect(leaf: first.leaf, wantTrue: first.wantTrue)))
                    }
                } else {
                    analysis.needs[i].removeAll(keepingCapacity: true)
                    analysis.root[i] = .ineligible
                    continue
                }
            } else if crit == .unknown {
                analysis.root[i] = .needsInfo
            }
            for k in 0..<Int(item.requiresCount) {
                let req = program.hotPrerequisites[Int(item.requiresStart) + k]
                if granted[Int(req.item)] { continue }
                if req.when >= 0 {
                    let canBeOff = eval(req.when, false)
                    if canBeOff == .yes { continue }
                    if canBeOff == .unknown { analysis.unknownWhen[i] = true }
                }
                analysis.needs[i].append(Need(alternatives: [Int(req.item)], reason: .requires(k)))
            }
            for need in analysis.needs[i] {
                for to in need.alternatives { analysis.dependencies[i].append(Dependency(from: i, to: to, reason: need.reason)) }
            }
        }
        markDeadAndUndecided(&analysis)
    }

    /// Least fixed points: an item is dead when its criteria fail for good or one of its
    /// needs has only dead alternatives; undecided when it is not dead and its criteria,
    /// a prerequisite's condition, or a need with no live alternative hang on unknown facts.
    private func markDeadAndUndecided(_ analysis: inout Analysis) {
        let count = program.items.count
        var changed = true
        while changed {
            changed = false
            for i in 0..<count where !granted[i] && !analysis.dead[i] {
                let isDead = analysis.root[i] == .ineligible
                    || analysis.needs[i].contains { need in need.alternatives.allSatisfy { analysis.dead[$0] } }
                if isDead { analysis.dead[i] = true; changed = true }
            }
        }
        changed = true
        while changed {
            changed = false
            for i in 0..<count where !granted[i] && !analysis.dead[i] && !analysis.undecided[i] {
                let isUndecided = analysis.root[i] == .needsInfo || analysis.unknownWhen[i]
                    || analysis.needs[i].contains { need in
                        need.alternatives.allSatisfy { analysis.dead[$0] || analysis.undecided[$0] }
                    }
                if isUndecided { analysis.undecided[i] = true; changed = true }
            }
        }
    }

    /// Finds what would make a condition true (or false): the comparisons that fail and the
    /// cost-free items not yet granted whose effects would satisfy them.
    /// - Returns: false when some failing part can be changed by nothing.
    func fix(_ node: Int32, _ wantTrue: Bool, into fixes: inout [(leaf: Int, wantTrue: Bool, achievers: [Int])],
             groups: inout [[Int]]) -> Bool {
        let value = eval(node, wantTrue)
        if value == .yes { return true }
        let n = program.nodes[Int(node)]
        switch n.kind {
        case .leaf:
            if value == .unknown { return true }
            let range = program.achieverRanges[Int(n.first) * 2 + (wantTrue ? 0 : 1)]
            var achievers: [Int] = []
            for k in Int(range.start)..<Int(range.start + range.count) {
                let a = Int(program.achieverList[k])
                if active[a] && !granted[a] && !program.hotItems[a].isCostly { achievers.append(a) }
            }
            guard !achievers.isEmpty else { return false }
            fixes.append((Int(n.first), wantTrue, achievers))
            groups.append([fixes.count - 1])
            return true
        case .not:
            return fix(program.children[Int(n.first)], !wantTrue, into: &fixes, groups: &groups)
        case .all, .any:
            let needsEvery = (n.kind == .all) == wantTrue
            let range = Int(n.first)..<(Int(n.first) + Int(n.count))
            if needsEvery {
                for c in range where !fix(program.children[c], wantTrue, into: &fixes, groups: &groups) { return false }
                return true
            }
            // Alternatives: what would fix any one part goes into a single need.
            let groupMark = groups.count
            var any = false
            for c in range {
                let mark = fixes.count
                let groupsBefore = groups.count
                if fix(program.children[c], wantTrue, into: &fixes, groups: &groups) {
                    any = true
                } else {
                    fixes.removeSubrange(mark...)
                    groups.removeSubrange(groupsBefore...)
                }
            }
            if groups.count > groupMark + 1 {
                let merged = groups[groupMark...].flatMap { $0 }
                groups.removeSubrange(groupMark...)
                groups.append(merged)
            }
            return any
        }
    }

    /// The verdict for every active service of the last run, in program order.
    /// - Parameter missingFacts: also list the facts that decide `needs_info` outcomes.
    public func verdicts(missingFacts: Bool = true) -> [Verdict] {
        var analysis = Analysis(count: program.items.count)
        return verdicts(missingFacts: missingFacts, reusing: &analysis)
    }

    /// `verdicts`, analysing into storage kept from an earlier call.
    func verdicts(missingFacts: Bool, reusing analysis: inout Analysis) -> [Verdict] {
        analyse(into: &analysis)
        var result: [Verdict] = []
        result.reserveCapacity(program.serviceCount)
        for s in 0..<program.serviceCount where active[s] {
            result.append(verdict(s, analysis, missingFacts: missingFacts))
        }
        return result
    }

    func verdict(_ s: Int, _ analysis: Analysis, missingFacts: Bool = true) -> Verdict {
        if eligibleNow[s] { return Verdict(item: s, status: .eligible) }
        if granted[s] { return Verdict(item: s, status: .reachable) }
        if analysis.root[s] == .ineligible { return Verdict(item: s, status: .ineligible) }
        if analysis.dead[s] {
            // A need with only dead alternatives: name them, and follow one to its root.
            let need = analysis.needs[s].first { $0.alternatives.allSatisfy { analysis.dead[$0] } }
            let blockers = need?.alternatives ?? []
            var root = blockers.first
            var seen: Set<Int> = [s]
            while let r = root, analysis.root[r] != .ineligible, seen.insert(r).inserted {
                root = analysis.needs[r].first { $0.alternatives.allSatisfy { analysis.dead[$0] } }?.alternatives.first
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
            return Verdict(item: s, status: .deadlocked, blockedBy: cycle.count > 1 ? [cycle[1]] : [s], cycle: cycle)
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
                return Verdict(item: s, status: .deadlocked, blockedBy: [first], rootCause: x, cycle: cycle)
            }
            for dep in analysis.dependencies[x] where !analysis.dead[dep.to] && parent[dep.to] == nil {
                parent[dep.to] = x
                queue.append(dep.to)
            }
        }
        return Verdict(item: s, status: .blocked, blockedBy: analysis.dependencies[s].map(\.to))
    }

    /// A shortest cycle of waiting that starts and ends at `x`, if there is one.
    func cycle(through x: Int, _ analysis: Analysis) -> [Int]? {
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

    private func collectRootUnknowns(_ x: Int, _ analysis: Analysis, into missing: inout [Int]) {
        let item = program.items[x]
        if analysis.root[x] == .needsInfo { collectUnknowns(item.criteria, true, into: &missing) }
        if analysis.unknownWhen[x] {
            for req in item.requires where req.when >= 0 && !granted[req.item] && eval(req.when, false) == .unknown {
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
                for input in derived.inputs where !initial[input].isKnown && !missing.contains(input) {
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

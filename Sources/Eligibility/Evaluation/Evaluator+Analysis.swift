extension Evaluator {
    /// Whether an item is waiting on its own criteria (and why), per the last `run()`.
    enum Root: Equatable { case none, ineligible, needsInfo }

    struct Analysis {
        var criteria: [Kleene]
        var root: [Root]
        var dependencies: [[Dependency]]
        var unknownWhen: [Bool]
    }

    /// The waiting graph of the last run: for every active item not granted, what it
    /// waits for. Built from the rules' prerequisites and effects only.
    func analyse() -> Analysis {
        let count = program.items.count
        var analysis = Analysis(criteria: Array(repeating: .yes, count: count),
                                root: Array(repeating: .none, count: count),
                                dependencies: Array(repeating: [], count: count),
                                unknownWhen: Array(repeating: false, count: count))
        for i in 0..<count where !granted[i] {
            let item = program.items[i]
            guard active[i] else {
                analysis.root[i] = .ineligible
                analysis.criteria[i] = .no
                continue
            }
            let crit = item.criteria < 0 ? Kleene.yes : eval(item.criteria, true)
            analysis.criteria[i] = crit
            var deps: [Dependency] = []
            if crit == .no {
                var fixes: [(leaf: Int, wantTrue: Bool, achievers: [Int])] = []
                if fix(item.criteria, true, into: &fixes) {
                    for f in fixes {
                        for a in f.achievers { deps.append(Dependency(from: i, to: a, reason: .effect(leaf: f.leaf, wantTrue: f.wantTrue))) }
                    }
                } else {
                    analysis.root[i] = .ineligible
                    continue
                }
            } else if crit == .unknown {
                analysis.root[i] = .needsInfo
            }
            for (k, req) in item.requires.enumerated() where !granted[req.item] {
                if req.when >= 0 {
                    let canBeOff = eval(req.when, false)
                    if canBeOff == .yes { continue }
                    if canBeOff == .unknown { analysis.unknownWhen[i] = true }
                }
                deps.append(Dependency(from: i, to: req.item, reason: .requires(k)))
            }
            analysis.dependencies[i] = deps
        }
        return analysis
    }

    /// Finds what would make a condition true (or false): the comparisons that fail and the
    /// cost-free items not yet granted whose effects would satisfy them.
    /// - Returns: false when some failing part can be changed by nothing.
    func fix(_ node: Int32, _ wantTrue: Bool, into fixes: inout [(leaf: Int, wantTrue: Bool, achievers: [Int])]) -> Bool {
        let value = eval(node, wantTrue)
        if value == .yes { return true }
        let n = program.nodes[Int(node)]
        switch n.kind {
        case .leaf:
            if value == .unknown { return true }
            let leaf = program.leaves[Int(n.first)]
            let achievers = leaf.achievers[wantTrue ? 0 : 1].map(Int.init).filter {
                active[$0] && !granted[$0] && !program.items[$0].isCostly
            }
            guard !achievers.isEmpty else { return false }
            fixes.append((Int(n.first), wantTrue, achievers))
            return true
        case .not:
            return fix(program.children[Int(n.first)], !wantTrue, into: &fixes)
        case .all, .any:
            let needsEvery = (n.kind == .all) == wantTrue
            let range = Int(n.first)..<(Int(n.first) + Int(n.count))
            if needsEvery {
                for c in range where !fix(program.children[c], wantTrue, into: &fixes) { return false }
                return true
            }
            var any = false
            for c in range {
                let mark = fixes.count
                if fix(program.children[c], wantTrue, into: &fixes) { any = true } else { fixes.removeSubrange(mark...) }
            }
            return any
        }
    }

    /// The verdict for every active service of the last run, in program order.
    public func verdicts() -> [Verdict] {
        let analysis = analyse()
        var result: [Verdict] = []
        for s in 0..<program.serviceCount where active[s] {
            result.append(verdict(s, analysis))
        }
        return result
    }

    func verdict(_ s: Int, _ analysis: Analysis) -> Verdict {
        if eligibleNow[s] { return Verdict(item: s, status: .eligible) }
        if granted[s] { return Verdict(item: s, status: .reachable) }
        if analysis.root[s] == .ineligible { return Verdict(item: s, status: .ineligible) }
        // Breadth-first over what s waits for, remembering how each item was reached.
        var parent: [Int: Int] = [s: -1]
        var queue = [s]
        var head = 0
        var ineligibleRoot: Int?
        var unknownRoots: [Int] = []
        var cycleBack: Int?
        while head < queue.count {
            let x = queue[head]
            head += 1
            if x != s {
                if analysis.root[x] == .ineligible { if ineligibleRoot == nil { ineligibleRoot = x }; continue }
                if analysis.root[x] == .needsInfo { unknownRoots.append(x) }
            }
            if analysis.unknownWhen[x] { unknownRoots.append(x) }
            for dep in analysis.dependencies[x] {
                if dep.to == s, cycleBack == nil { cycleBack = x }
                if parent[dep.to] == nil {
                    parent[dep.to] = x
                    queue.append(dep.to)
                }
            }
        }
        func firstStep(toward target: Int) -> Int {
            var node = target
            while let p = parent[node], p != s, p >= 0 { node = p }
            return node
        }
        if let root = ineligibleRoot {
            return Verdict(item: s, status: .blocked, blockedBy: [firstStep(toward: root)], rootCause: root)
        }
        if analysis.root[s] == .needsInfo || !unknownRoots.isEmpty {
            var missing: [Int] = []
            if analysis.root[s] == .needsInfo { collectUnknowns(program.items[s].criteria, true, into: &missing) }
            for x in unknownRoots { collectRootUnknowns(x, analysis, into: &missing) }
            let blockers = unknownRoots.filter { $0 != s }.map { firstStep(toward: $0) }
            return Verdict(item: s, status: .needs_info, blockedBy: Array(Set(blockers)).sorted(), missing: missing)
        }
        if let back = cycleBack {
            var path = [back]
            while let p = parent[path[path.count - 1]], p >= 0 { path.append(p) }
            let cycle = Array(path.reversed())
            return Verdict(item: s, status: .deadlocked, blockedBy: [cycle.count > 1 ? cycle[1] : s], cycle: cycle)
        }
        for x in queue where x != s {
            if let cycle = cycle(through: x, analysis) {
                return Verdict(item: s, status: .deadlocked, blockedBy: [firstStep(toward: x)], rootCause: x, cycle: cycle)
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
            for dep in analysis.dependencies[y] {
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

/// The waiting graph of one evaluation: for every active item not granted, what it
/// waits for, and which items can never be had or hang on unknown facts. The statuses
/// are read from it (`EvaluationState.verdict`).
struct StatusAnalysis {
    /// Whether an item is waiting on its own criteria (and why).
    enum Root: Equatable { case none, ineligible, needsInfo }

    /// One thing an item waits for: any one of the alternatives would do.
    struct Need {
        var alternatives: [Int]
        var reason: Dependency.Reason
    }

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
    /// When each dead item was found dead (0, 1, 2, ... in order): an item is dead
    /// through a need whose items were all found dead before it, so following such needs
    /// to smaller numbers ends at an item whose own criteria fail. Following the first
    /// dead need instead can lead round a circle of dead items and back.
    var deadOrder: [Int]
    /// Items not dead whose outcome hangs on unknown facts.
    var undecided: [Bool]

    init(count: Int) {
        criteria = Array(repeating: .yes, count: count)
        root = Array(repeating: .none, count: count)
        dependencies = Array(repeating: [], count: count)
        needs = Array(repeating: [], count: count)
        unknownWhen = Array(repeating: false, count: count)
        dead = unknownWhen
        deadOrder = Array(repeating: Int.max, count: count)
        undecided = unknownWhen
    }

    /// Cleared for a new analysis of `count` items, keeping the storage of the lists.
    mutating func reset(count: Int) {
        guard criteria.count == count else { self = StatusAnalysis(count: count); return }
        for i in 0..<count {
            criteria[i] = .yes
            root[i] = .none
            unknownWhen[i] = false
            dead[i] = false
            deadOrder[i] = .max
            undecided[i] = false
            if !needs[i].isEmpty { needs[i].removeAll(keepingCapacity: true) }
            if !dependencies[i].isEmpty { dependencies[i].removeAll(keepingCapacity: true) }
        }
    }
}

extension EvaluationState {
    /// The waiting graph of the last run: for every active item not granted, what it
    /// waits for. Built from the rules' prerequisites and effects only.
    func analyse() -> StatusAnalysis {
        var analysis = StatusAnalysis(count: program.items.count)
        analyse(into: &analysis)
        return analysis
    }

    /// `analyse()` into storage kept from an earlier analysis (no allocation per item).
    func analyse(into analysis: inout StatusAnalysis) {
        let count = program.items.count
        analysis.reset(count: count)
        for i in 0..<count where !isGranted(i) {
            guard isActive(i) else {
                analysis.root[i] = .ineligible
                analysis.criteria[i] = .no
                continue
            }
            let criteria = criteria(of: i)
            let crit = criteria < 0 ? Kleene.yes : eval(criteria, true)
            analysis.criteria[i] = crit
            if crit == .no {
                var fixes: [(leaf: Int, wantTrue: Bool, achievers: [Int])] = []
                var groups: [[Int]] = []
                if fix(criteria, true, into: &fixes, groups: &groups) {
                    for group in groups {
                        let alternatives = Array(Set(group.flatMap { fixes[$0].achievers })).sorted()
                        let first = fixes[group[0]]
                        analysis.needs[i].append(StatusAnalysis.Need(alternatives: alternatives, reason: .effect(leaf: first.leaf, wantTrue: first.wantTrue)))
                    }
                } else {
                    analysis.needs[i].removeAll(keepingCapacity: true)
                    analysis.root[i] = .ineligible
                    continue
                }
            } else if crit == .unknown {
                analysis.root[i] = .needsInfo
            }
            for k in 0..<prerequisiteCount(of: i) {
                let req = prerequisite(k, of: i)
                if isGranted(req.item) { continue }
                if req.when >= 0 {
                    let canBeOff = eval(req.when, false)
                    if canBeOff == .yes { continue }
                    if canBeOff == .unknown { analysis.unknownWhen[i] = true }
                }
                analysis.needs[i].append(StatusAnalysis.Need(alternatives: [req.item], reason: .requires(k)))
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
    private func markDeadAndUndecided(_ analysis: inout StatusAnalysis) {
        let count = program.items.count
        var found = 0
        var changed = true
        while changed {
            changed = false
            for i in 0..<count where !isGranted(i) && !analysis.dead[i] {
                let isDead = analysis.root[i] == .ineligible
                    || analysis.needs[i].contains { need in need.alternatives.allSatisfy { analysis.dead[$0] } }
                if isDead {
                    analysis.dead[i] = true
                    analysis.deadOrder[i] = found
                    found += 1
                    changed = true
                }
            }
        }
        changed = true
        while changed {
            changed = false
            for i in 0..<count where !isGranted(i) && !analysis.dead[i] && !analysis.undecided[i] {
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
            var found: [Int] = []
            for a in achievers(ofLeaf: Int(n.first), wantTrue: wantTrue).map(Int.init) where isActive(a) && !isGranted(a) && !isCostly(a) {
                found.append(a)
            }
            guard !found.isEmpty else { return false }
            fixes.append((Int(n.first), wantTrue, found))
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

}

extension StatusAnalysis {
    /// The first need of a dead item whose items were all found dead before it (nil for
    /// an item dead by its own criteria).
    func deadNeed(of item: Int) -> Need? {
        needs[item].first { $0.alternatives.allSatisfy { deadOrder[$0] < deadOrder[item] } }
    }
}

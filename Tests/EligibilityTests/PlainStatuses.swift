@testable import Eligibility

/// The statuses of contract §3 worked out a second way, for the differential tests: by
/// plain recursion over what each item waits for, on the reference evaluator's fixed
/// point, without `StatusAnalysis` (which both engines share, so comparing the engines
/// alone never checks it). Slow on purpose: nothing is cached, and the recursion follows
/// every path, which small generated libraries afford.
///
/// What an item waits for is read from the rules here too, not from the compiled
/// achiever tables: a prerequisite not granted whose `when` can hold, and, when the item's
/// own criteria fail, a failing comparison that some cost-free step not yet taken would
/// make hold (an effect on its fact with a value that passes it, or an effect on a fact
/// its derived fact is read from).
struct PlainStatuses {
    let evaluation: Evaluator
    var program: Program { evaluation.program }

    /// An item's own criteria: out for good, hanging on unknown facts, or not in the way.
    enum Own { case out, unknown, fine }

    /// One thing an item waits for: any one of the items would do.
    typealias Need = [Int]

    // MARK: what an item waits for

    func own(_ x: Int) -> Own {
        guard evaluation.active[x] else { return .out }
        let criteria = program.items[x].criteria
        guard criteria >= 0 else { return .fine }
        switch evaluation.eval(criteria, true) {
        case .yes: return .fine
        case .unknown: return .unknown
        case .no: return fixes(criteria, true) == nil ? .out : .fine
        }
    }

    /// Whether the `when` of a prerequisite not granted is undecided.
    func hasUnknownWhen(_ x: Int) -> Bool {
        program.items[x].requires.contains { req in
            !evaluation.granted[req.item] && req.when >= 0 && evaluation.eval(req.when, false) == .unknown
        }
    }

    func needs(_ x: Int) -> [Need] {
        var result: [Need] = []
        let criteria = program.items[x].criteria
        if evaluation.active[x], criteria >= 0, evaluation.eval(criteria, true) == .no {
            result += fixes(criteria, true) ?? []
        }
        for req in program.items[x].requires where !evaluation.granted[req.item] {
            if req.when >= 0, evaluation.eval(req.when, false) == .yes { continue }
            result.append([req.item])
        }
        return result
    }

    /// The needs that would make a condition come out as wanted, or nil when some part
    /// that fails can be changed by no step. Alternatives (an `any` to make true, an
    /// `all` to make false) become one need: any step that fixes any part.
    func fixes(_ node: Int32, _ wantTrue: Bool) -> [Need]? {
        let value = evaluation.eval(node, wantTrue)
        if value == .yes { return [] }
        let n = program.nodes[Int(node)]
        switch n.kind {
        case .leaf:
            if value == .unknown { return [] }
            let steps = program.items.indices.filter { canMake(leaf: Int(n.first), wantTrue, by: $0) }
            return steps.isEmpty ? nil : [steps]
        case .not:
            return fixes(program.children[Int(n.first)], !wantTrue)
        case .all, .any:
            let children = (Int(n.first)..<Int(n.first + n.count)).map { fixes(program.children[$0], wantTrue) }
            if (n.kind == .all) == wantTrue {
                var all: [Need] = []
                for child in children {
                    guard let child else { return nil }
                    all += child
                }
                return all
            }
            let fixable = children.compactMap { $0 }
            guard !fixable.isEmpty else { return nil }
            let steps = Set(fixable.joined().joined())
            return steps.isEmpty ? [] : [steps.sorted()]
        }
    }

    /// Whether step `item` (active, not taken, free of cost) would change comparison `leaf`
    /// to come out as wanted, read from the item's effects.
    func canMake(leaf: Int, _ wantTrue: Bool, by item: Int) -> Bool {
        guard evaluation.active[item], !evaluation.granted[item], !program.items[item].isCostly else { return false }
        let compared = program.leaves[leaf]
        let readFrom = program.derived.first { $0.slot == compared.slot }?.inputs ?? []
        return program.items[item].effects.contains { effect in
            if readFrom.contains(effect.slot) { return true }
            guard effect.slot == compared.slot, !compared.isDated else { return false }
            if case .known(let mustBeKnown) = compared.test { return mustBeKnown == wantTrue }
            return compared.holds(program.literals[effect.slot][effect.bit], asOf: evaluation.asOf) == wantTrue
        }
    }

    // MARK: the statuses

    /// Can never be had: its own criteria are out, or one need has only such items.
    func isDead(_ x: Int, _ path: Set<Int> = []) -> Bool {
        if own(x) == .out { return true }
        let path = path.union([x])
        return needs(x).contains { need in need.allSatisfy { !path.contains($0) && isDead($0, path) } }
    }

    /// Not dead, and hangs on unknown facts: its own, a prerequisite's `when`, or a need
    /// whose every item is dead or hangs on unknown facts.
    func isUndecided(_ x: Int, _ path: Set<Int> = []) -> Bool {
        guard !isDead(x) else { return false }
        if own(x) == .unknown || hasUnknownWhen(x) { return true }
        let path = path.union([x])
        return needs(x).contains { need in
            need.allSatisfy { isDead($0) || (!path.contains($0) && isUndecided($0, path)) }
        }
    }

    /// Whether, following what items wait for (never into dead items), a circle is met.
    func meetsCircle(from x: Int) -> Bool {
        var done: Set<Int> = []
        func visit(_ y: Int, _ stack: Set<Int>) -> Bool {
            if stack.contains(y) { return true }
            guard done.insert(y).inserted else { return false }
            let stack = stack.union([y])
            return needs(y).joined().contains { !isDead($0) && visit($0, stack) }
        }
        return visit(x, [])
    }

    func status(of s: Int) -> Status {
        if evaluation.eligibleNow[s] { return .eligible }
        if evaluation.granted[s] { return .reachable }
        if own(s) == .out { return .ineligible }
        if isDead(s) { return .blocked }
        if isUndecided(s) { return .needs_info }
        return meetsCircle(from: s) ? .deadlocked : .blocked
    }

    /// Whether `cycle` is a circle of waiting: each item waits for the next, the last for
    /// the first, and none is dead.
    func isCircle(_ cycle: [Int]) -> Bool {
        guard !cycle.isEmpty else { return false }
        return cycle.indices.allSatisfy { k in
            let next = cycle[(k + 1) % cycle.count]
            return !isDead(cycle[k]) && needs(cycle[k]).contains { $0.contains(next) }
        }
    }
}

/// The size a rule library may have. Far beyond what the agencies' rules need (the bundled
/// library has under a hundred services and actions, and its longest circle of waiting
/// agencies has two services), and small enough that loading, explaining and planning stay
/// within a gigabyte (bench/stress-rules.py measures it). `lint` and a server's reload
/// refuse a library beyond them, at the first entry over the limit.
public enum RuleLibraryLimits {
    /// Services in all rule files together.
    public static let services = 5_000
    /// Actions in all rule files together.
    public static let actions = 5_000
    /// Facts declared and derived, in all rule files together.
    public static let facts = 5_000
    /// Services that wait for each other through their requirements (a circle of waiting
    /// agencies; each deadlocked service names its whole circle in every check).
    public static let servicesWaitingInACircle = 50
}

extension LibraryValidator {
    /// Reports a library beyond `RuleLibraryLimits`; false when it is.
    func checkLimits() -> Bool {
        var services = 0, actions = 0, facts = 0
        for file in files {
            for service in file.ruleSet.services {
                services += 1
                if services == RuleLibraryLimits.services + 1 {
                    file.sink.error("too many services: a rule library may hold at most \(RuleLibraryLimits.services); this is one more",
                                    at: service.origin.location)
                }
            }
            for action in file.ruleSet.actions {
                actions += 1
                if actions == RuleLibraryLimits.actions + 1 {
                    file.sink.error("too many actions: a rule library may hold at most \(RuleLibraryLimits.actions); this is one more",
                                    at: action.origin.location)
                }
            }
            let declared = file.ruleSet.facts.map(\.origin.location) + file.ruleSet.derived.map(\.origin.location)
            for location in declared {
                facts += 1
                if facts == RuleLibraryLimits.facts + 1 {
                    file.sink.error("too many facts: a rule library may declare at most \(RuleLibraryLimits.facts) (facts and derived facts); this is one more",
                                    at: location)
                }
            }
        }
        return checkCircles() && services <= RuleLibraryLimits.services && actions <= RuleLibraryLimits.actions
            && facts <= RuleLibraryLimits.facts
    }

    /// Reports each group of services that wait for each other (a strongly connected part of
    /// the requirements) larger than the limit, once, at its first service's requirement.
    private func checkCircles() -> Bool {
        var ids: [String] = []
        var index: [String: Int] = [:]
        var firstRequirement: [SourceLocation?] = []
        var sinks: [DiagnosticSink] = []
        for file in files {
            for service in file.ruleSet.services where index[service.id] == nil {
                index[service.id] = ids.count
                ids.append(service.id)
                firstRequirement.append(service.requires.first?.serviceLocation ?? service.origin.location)
                sinks.append(file.sink)
            }
        }
        var edges: [[Int]] = Array(repeating: [], count: ids.count)
        for file in files {
            for service in file.ruleSet.services {
                guard let from = index[service.id] else { continue }
                for p in service.requires {
                    if let to = index[p.service], to != from { edges[from].append(to) }
                }
            }
        }
        var within = true
        for group in StronglyConnected(edges: edges).groups where group.count > RuleLibraryLimits.servicesWaitingInACircle {
            within = false
            let first = group.min()!
            let named = group.sorted().prefix(3).map { "'\(ids[$0])'" }.joined(separator: ", ")
            sinks[first].error("\(group.count) services wait for each other through their requirements (\(named), ...); "
                               + "a circle of waiting services may hold at most \(RuleLibraryLimits.servicesWaitingInACircle)",
                               at: firstRequirement[first])
        }
        return within
    }
}

/// The strongly connected parts of a graph, by Tarjan's algorithm with an explicit stack
/// (a rule library's requirements may chain thousands of services: no recursion).
struct StronglyConnected {
    /// The parts of more than one node.
    private(set) var groups: [[Int]] = []

    init(edges: [[Int]]) {
        let n = edges.count
        var order = Array(repeating: -1, count: n), low = Array(repeating: 0, count: n)
        var onStack = Array(repeating: false, count: n)
        var stack: [Int] = []
        var counter = 0
        // Each frame: a node and the position of the next edge to follow.
        var frames: [(node: Int, next: Int)] = []
        for root in 0..<n where order[root] < 0 {
            frames.append((root, 0))
            order[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while let top = frames.last {
                let v = top.node
                if top.next < edges[v].count {
                    frames[frames.count - 1].next += 1
                    let w = edges[v][top.next]
                    if order[w] < 0 {
                        order[w] = counter; low[w] = counter; counter += 1
                        stack.append(w); onStack[w] = true
                        frames.append((w, 0))
                    } else if onStack[w] {
                        low[v] = min(low[v], order[w])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last?.node { low[parent] = min(low[parent], low[v]) }
                guard low[v] == order[v] else { continue }
                var group: [Int] = []
                while let w = stack.popLast() {
                    onStack[w] = false
                    group.append(w)
                    if w == v { break }
                }
                if group.count > 1 { groups.append(group) }
            }
        }
    }
}

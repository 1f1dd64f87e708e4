/// For each service, everything its outcome can depend on: the items that can change it
/// (its prerequisites and the items whose effects its conditions read, and theirs in
/// turn, within one country) and the comparisons of all of them. Two patients whose
/// comparisons in a service's cone come out alike get the same outcome for that service,
/// so a cohort run can remember outcomes service by service.
struct Components: Sendable {
    /// Per cone: the items in it.
    var items: [[Int32]]
    /// Per cone: the comparisons (leaf indices) its outcome depends on.
    var leaves: [[Int32]]
    /// Per cone: its service (one per cone).
    var services: [[Int32]]
    /// Per cone: the jurisdiction symbol of its service (-1 when none).
    var jurisdiction: [Int64]

    init(_ program: Program) {
        let count = program.items.count
        var leavesOfItem: [[Int32]] = Array(repeating: [], count: count)
        var dependsOn: [[Int]] = Array(repeating: [], count: count)
        let derivedCases = Dictionary(program.derived.map { d -> (Int, [Int32]) in
            if case .cases(let cases, _) = d.rule {
                return (d.slot, cases.flatMap { program.leafIndices(under: $0.when) })
            }
            return (d.slot, [])
        }, uniquingKeysWith: { a, _ in a })
        for (i, item) in program.items.enumerated() {
            var roots = [item.criteria]
            for req in item.requires {
                dependsOn[i].append(req.item)
                roots.append(req.when)
            }
            for root in roots where root >= 0 {
                for leaf in program.leafIndices(under: root) {
                    leavesOfItem[i].append(leaf)
                    leavesOfItem[i] += derivedCases[program.leaves[Int(leaf)].slot] ?? []
                    dependsOn[i] += program.leaves[Int(leaf)].achievers.joined().map(Int.init)
                }
            }
        }
        items = []
        leaves = []
        services = []
        jurisdiction = []
        for s in 0..<program.serviceCount {
            let own = program.hotItems[s].jurisdiction
            // Items of another country are never active with this one: they change nothing.
            var seen: Set<Int> = [s]
            var queue = [s]
            while let x = queue.popLast() {
                for y in dependsOn[x] where !seen.contains(y) {
                    let other = program.hotItems[y].jurisdiction
                    guard own < 0 || other < 0 || other == own else { continue }
                    seen.insert(y)
                    queue.append(y)
                }
            }
            let cone = seen.sorted()
            items.append(cone.map(Int32.init))
            leaves.append(Array(Set(cone.flatMap { leavesOfItem[$0] })).sorted())
            services.append([Int32(s)])
            jurisdiction.append(own)
        }
    }
}

extension Program {
    /// The comparisons in a condition tree.
    func leafIndices(under root: Int32) -> [Int32] {
        guard root >= 0 else { return [] }
        let n = nodes[Int(root)]
        if n.kind == .leaf { return [n.first] }
        return (Int(n.first)..<Int(n.first + n.count)).flatMap { leafIndices(under: children[$0]) }
    }
}

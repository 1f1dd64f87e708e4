/// Groups of services and actions that can influence each other (through prerequisites,
/// or effects on facts that another one's conditions read), with the comparisons each
/// group's outcome depends on. What happens in one group never changes another, so a
/// cohort run can remember outcomes group by group.
struct Components: Sendable {
    /// Per item: its group.
    var ofItem: [Int32]
    /// Per group: the comparisons (leaf indices) its outcome depends on.
    var leaves: [[Int32]]
    /// Per group: its services (item indices).
    var services: [[Int32]]
    /// Per group: the jurisdiction symbol of its items (-1 when none or mixed).
    var jurisdiction: [Int64]

    init(_ program: Program) {
        let count = program.items.count
        var parent = Array(0..<count)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        // Items of two different countries are never active together, so they never meet.
        func union(_ a: Int, _ b: Int) {
            let ja = program.hotItems[a].jurisdiction, jb = program.hotItems[b].jurisdiction
            guard ja < 0 || jb < 0 || ja == jb else { return }
            parent[find(a)] = find(b)
        }

        var leavesOfItem: [[Int32]] = Array(repeating: [], count: count)
        for (i, item) in program.items.enumerated() {
            var roots = [item.criteria]
            for req in item.requires {
                union(i, req.item)
                roots.append(req.when)
            }
            for root in roots where root >= 0 { leavesOfItem[i] += program.leafIndices(under: root) }
            for leaf in leavesOfItem[i] {
                for achiever in program.leaves[Int(leaf)].achievers.joined() { union(i, Int(achiever)) }
            }
        }
        // Derived facts read by an item: the comparisons that compute them count too.
        let derivedCases = Dictionary(program.derived.map { d -> (Int, [Int32]) in
            if case .cases(let cases, _) = d.rule {
                return (d.slot, cases.flatMap { program.leafIndices(under: $0.when) })
            }
            return (d.slot, [])
        }, uniquingKeysWith: { a, _ in a })

        var groupOfRoot: [Int: Int] = [:]
        ofItem = Array(repeating: 0, count: count)
        leaves = []
        services = []
        jurisdiction = []
        for i in 0..<count {
            let root = find(i)
            let group = groupOfRoot[root] ?? {
                groupOfRoot[root] = leaves.count
                leaves.append([])
                services.append([])
                jurisdiction.append(program.hotItems[i].jurisdiction)
                return leaves.count - 1
            }()
            ofItem[i] = Int32(group)
            var own = leavesOfItem[i]
            for leaf in leavesOfItem[i] { own += derivedCases[program.leaves[Int(leaf)].slot] ?? [] }
            leaves[group] += own
            if program.items[i].isService { services[group].append(Int32(i)) }
            if jurisdiction[group] != program.hotItems[i].jurisdiction { jurisdiction[group] = -1 }
        }
        leaves = leaves.map { Array(Set($0)).sorted() }
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

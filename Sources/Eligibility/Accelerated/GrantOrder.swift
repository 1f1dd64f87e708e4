/// An order of items in which each comes after everything that can change its outcome
/// (its prerequisites, and the items whose effects its conditions read), as groups that
/// wait on each other (strongly connected components) in dependency order. One pass
/// over it, repeating only inside groups, reaches the same fixed point as repeating
/// passes over all items.
struct GrantOrder: Sendable {
    /// Item indices, group after group.
    var items: [Int32]
    /// Per group: its range in `items`, and whether it must be repeated until nothing changes.
    var groups: [(start: Int32, count: Int32, repeats: Bool)]

    init(_ program: Program) {
        let count = program.items.count
        let dependsOn = program.itemDependencies().dependsOn
        // Tarjan's algorithm; components come out with their dependencies first.
        var index = Array(repeating: -1, count: count)
        var low = Array(repeating: 0, count: count)
        var onStack = Array(repeating: false, count: count)
        var stack: [Int] = []
        var next = 0
        var items: [Int32] = []
        var groups: [(Int32, Int32, Bool)] = []
        func connect(_ v: Int) {
            index[v] = next
            low[v] = next
            next += 1
            stack.append(v)
            onStack[v] = true
            for w in dependsOn[v] {
                if index[w] < 0 {
                    connect(w)
                    low[v] = min(low[v], low[w])
                } else if onStack[w] {
                    low[v] = min(low[v], index[w])
                }
            }
            if low[v] == index[v] {
                let start = items.count
                while let w = stack.popLast() {
                    onStack[w] = false
                    items.append(Int32(w))
                    if w == v { break }
                }
                let size = items.count - start
                let repeats = size > 1 || dependsOn[v].contains(v)
                groups.append((Int32(start), Int32(size), repeats))
            }
        }
        for v in 0..<count where index[v] < 0 { connect(v) }
        self.items = items
        self.groups = groups.map { (start: $0.0, count: $0.1, repeats: $0.2) }
    }
}

extension Program {
    /// Per item: the items that can change its outcome (its prerequisites and the items
    /// whose effects its conditions read), and the comparisons its conditions make.
    func itemDependencies() -> (dependsOn: [[Int]], leaves: [[Int32]]) {
        var dependsOn: [[Int]] = Array(repeating: [], count: items.count)
        var leavesOfItem: [[Int32]] = Array(repeating: [], count: items.count)
        for (i, item) in items.enumerated() {
            var roots = [item.criteria]
            for req in item.requires {
                dependsOn[i].append(req.item)
                roots.append(req.when)
            }
            for root in roots where root >= 0 {
                for leaf in leafIndices(under: root) {
                    leavesOfItem[i].append(leaf)
                    dependsOn[i] += leaves[Int(leaf)].achievers.joined().map(Int.init)
                }
            }
        }
        return (dependsOn, leavesOfItem)
    }
}

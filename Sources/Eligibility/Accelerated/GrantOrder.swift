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
        let dependsOn = program.itemDependencies().dependsOn
        // Components come out with their dependencies first.
        var items: [Int32] = []
        var groups: [(Int32, Int32, Bool)] = []
        for component in StrongComponents.of(dependsOn) {
            let repeats = component.count > 1 || dependsOn[component[0]].contains(component[0])
            groups.append((Int32(items.count), Int32(component.count), repeats))
            items += component.map(Int32.init)
        }
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

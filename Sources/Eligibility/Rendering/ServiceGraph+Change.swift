extension ServiceGraph {
    /// The picture of a rule change: the union of the current and the proposed graphs,
    /// services, steps and links marked as new or gone, links that join or leave a cycle of
    /// waiting marked so. Only what changed is kept, with the services and steps at both
    /// ends of a changed link; `all` keeps the whole union.
    package init(base: ServiceGraph, proposed: ServiceGraph, all: Bool = false) {
        let baseNodes = Dictionary(base.nodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let proposedIds = Set(proposed.nodes.map(\.id))
        var nodes = proposed.nodes.map { node -> Node in
            var node = node
            if baseNodes[node.id] == nil { node.change = .appears }
            return node
        }
        for node in base.nodes where !proposedIds.contains(node.id) {
            var gone = node
            gone.change = .vanishes
            nodes.append(gone)
        }
        struct Key: Hashable { var from: String; var to: String; var kind: Edge.Kind }
        let baseEdges = Dictionary(base.edges.map { (Key(from: $0.from, to: $0.to, kind: $0.kind), $0) }, uniquingKeysWith: { a, _ in a })
        var seen: Set<Key> = []
        var edges: [Edge] = []
        for edge in proposed.edges {
            let key = Key(from: edge.from, to: edge.to, kind: edge.kind)
            seen.insert(key)
            var marked = edge
            if let before = baseEdges[key] {
                marked.cycleChange = edge.inCycle == before.inCycle ? .same : edge.inCycle ? .appears : .vanishes
                if before.words != edge.words {
                    marked.change = .changed
                    marked.was = before.words
                }
            } else {
                marked.change = .appears
                if edge.inCycle { marked.cycleChange = .appears }
            }
            edges.append(marked)
        }
        for edge in base.edges where !seen.contains(Key(from: edge.from, to: edge.to, kind: edge.kind)) {
            var gone = edge
            gone.change = .vanishes
            if edge.inCycle { gone.cycleChange = .vanishes }
            gone.inCycle = false
            edges.append(gone)
        }
        if !all {
            edges = edges.filter { $0.change != .same || $0.cycleChange != .same }
            let ends = Set(edges.flatMap { [$0.from, $0.to] })
            nodes = nodes.filter { $0.change != .same || ends.contains($0.id) }
        }
        self.nodes = nodes
        self.edges = edges
        isChange = true
    }
}

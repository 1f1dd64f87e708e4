/// The picture of who waits for whom: agencies and their services, with prerequisite
/// edges (solid) and edges where one service's effect satisfies another's criterion (dashed).
public enum ServiceGraph: Sendable {
    public enum Format: String, Sendable, CaseIterable { case dot, mermaid }

    struct Edge: Hashable {
        var from: String
        var to: String
        var label: String
        var isEffect: Bool
    }

    static func edges(_ program: Program) -> [Edge] {
        var result: [Edge] = []
        var seen: Set<Edge> = []
        for item in program.items.prefix(program.serviceCount) {
            for req in item.requires {
                let edge = Edge(from: item.id, to: program.items[req.item].id,
                                label: req.when >= 0 ? "requires (when ...)" : "requires", isEffect: false)
                if seen.insert(edge).inserted { result.append(edge) }
            }
        }
        for (index, leaf) in program.leaves.enumerated() {
            guard let node = program.nodes.firstIndex(where: { $0.kind == .leaf && Int($0.first) == index }),
                  let owner = program.items.prefix(program.serviceCount).first(where: { $0.criteria >= 0 && program.owns($0.criteria, Int32(node)) })
            else { continue }
            for achiever in leaf.achievers[0] + leaf.achievers[1] where Int(achiever) < program.serviceCount {
                let edge = Edge(from: owner.id, to: program.items[Int(achiever)].id, label: leaf.comparison.fact, isEffect: true)
                if edge.from != edge.to, seen.insert(edge).inserted { result.append(edge) }
            }
        }
        return result
    }

    package static func render(_ program: Program, format: Format) -> String {
        let services = program.library.services
        let agencies = Dictionary(grouping: services, by: \.agency)
        let agencyNames = services.map(\.agency).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let edges = edges(program)
        switch format {
        case .dot:
            var out = "digraph services {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n"
            for (i, agency) in agencyNames.enumerated() {
                out += "  subgraph cluster_\(i) {\n    label=\(JSONWriter.quote(agency));\n"
                for s in agencies[agency] ?? [] { out += "    \(JSONWriter.quote(s.id)) [label=\(JSONWriter.quote(s.title))];\n" }
                out += "  }\n"
            }
            for e in edges {
                out += "  \(JSONWriter.quote(e.from)) -> \(JSONWriter.quote(e.to)) [label=\(JSONWriter.quote(e.label))\(e.isEffect ? ", style=dashed" : "")];\n"
            }
            return out + "}\n"
        case .mermaid:
            func id(_ s: String) -> String { s.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined() }
            var out = "flowchart LR\n"
            for (i, agency) in agencyNames.enumerated() {
                out += "  subgraph a\(i)[\"\(agency.filter { $0 != "\"" })\"]\n"
                for s in agencies[agency] ?? [] { out += "    \(id(s.id))[\"\(s.title.filter { $0 != "\"" })\"]\n" }
                out += "  end\n"
            }
            for e in edges {
                out += "  \(id(e.from)) \(e.isEffect ? "-.->" : "-->")|\(e.label.filter { $0 != "|" && $0 != "\"" })| \(id(e.to))\n"
            }
            return out
        }
    }
}

extension Program {
    /// Whether a condition node lies inside the tree rooted at `root`.
    func owns(_ root: Int32, _ node: Int32) -> Bool {
        if root == node { return true }
        let n = nodes[Int(root)]
        guard n.kind != .leaf else { return false }
        for c in Int(n.first)..<(Int(n.first) + Int(n.count)) where owns(children[c], node) { return true }
        return false
    }
}

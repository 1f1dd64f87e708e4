/// The picture of who waits for whom: services (grouped by country and agency) and the
/// steps people take (who does them), with an edge from each to what it waits for: a
/// prerequisite, or another service or step whose effect would meet a criterion. Edges on
/// a cycle of waiting are marked: that is where patients can deadlock.
public struct ServiceGraph: Sendable {
    public enum Format: String, Sendable, CaseIterable { case dot, mermaid, svg }

    public struct Node: Sendable, Hashable {
        public enum Kind: String, Sendable { case service, action }
        public var id: String
        public var kind: Kind
        /// A service's title, or an action's "who: does".
        public var title: String
        /// A service's agency; for an action, who takes the step.
        public var group: String
        public var country: String?
        /// What taking a step costs the patient (such steps are only ways out).
        public var cost: String?
        /// In a picture of a rule change: whether the service or step is new or gone.
        public var change: Change = .same
    }

    /// How a node or an edge differs between the current and the proposed rules.
    public enum Change: String, Sendable {
        case same, appears, vanishes
        /// A link in both whose conditions differ (``Edge/was`` has the current words).
        case changed
    }

    public struct Edge: Sendable, Hashable {
        public enum Kind: String, Sendable {
            /// `from` lists `to` among its prerequisites.
            case requires
            /// `to`'s effect would meet a criterion of `from`.
            case effect
            /// `to` is a step that would meet a criterion of `from` but costs the patient something:
            /// never part of a plan, only a way out.
            case wayOut = "way_out"
        }
        public var from: String
        public var to: String
        public var kind: Kind
        /// What the rules ask, in words ("requires", "consent.health_social_sharing is written"):
        /// every comparison that `to` would meet, when it meets several.
        public var words: [String]
        /// The rule line behind each of `words`: `rules/dk/social.yaml:120`.
        public var rules: [String]
        /// Whether the edge lies on a cycle of waiting.
        public var inCycle = false
        /// In a picture of a rule change: whether the link is new or gone.
        public var change: Change = .same
        /// In a picture of a rule change: whether the link joins or leaves a cycle of waiting.
        public var cycleChange: Change = .same
        /// A changed link's words under the current rules.
        public var was: [String] = []
    }

    public internal(set) var nodes: [Node]
    public internal(set) var edges: [Edge]
    /// A picture of a rule change (``init(base:proposed:all:)``), drawn with its own legend.
    public internal(set) var isChange = false

    /// The whole graph of a compiled rule library.
    package init(_ program: Program) {
        nodes = Self.nodes(program)
        edges = Self.prerequisiteEdges(program) + Self.effectEdges(program)
        markCycles()
    }

    /// The neighbourhood of one service: everything it waits for (directly or through
    /// others, with the costly ways out of those), and what waits for it directly.
    /// - Throws: a failure naming the service when the rules do not have it.
    package init(_ program: Program, around service: String) throws(LoadFailure) {
        self.init(program)
        try keepNeighbourhood(of: service)
    }

    /// Keeps what `service` waits for (directly or through others, with the costly ways out
    /// of those) and what waits for it directly.
    /// - Throws: a failure naming the service when the graph does not have it.
    package mutating func keepNeighbourhood(of service: String) throws(LoadFailure) {
        guard nodes.contains(where: { $0.id == service && $0.kind == .service }) else {
            let ids = nodes.filter { $0.kind == .service }.map(\.id)
            throw LoadFailure([Diagnostic(file: "--service", location: nil,
                                          message: "unknown service '\(service)'\(Suggestion.hint(for: service, among: ids))")])
        }
        var keep: Set<String> = [service]
        var queue = [service]
        while let id = queue.popLast() {
            for edge in edges where edge.from == id && edge.kind != .wayOut && keep.insert(edge.to).inserted { queue.append(edge.to) }
        }
        let waitedOn = keep
        for edge in edges where edge.kind == .wayOut && waitedOn.contains(edge.from) { keep.insert(edge.to) }
        for edge in edges where edge.to == service { keep.insert(edge.from) }
        nodes = nodes.filter { keep.contains($0.id) }
        edges = edges.filter { keep.contains($0.from) && keep.contains($0.to) && (waitedOn.contains($0.from) || $0.to == service) }
    }

    /// Keeps one country's services and steps, and those for every country that link to them.
    package mutating func keepCountry(_ country: String) throws(LoadFailure) {
        let countries = Set(nodes.compactMap(\.country))
        guard countries.contains(country) else {
            throw LoadFailure([Diagnostic(file: "--country", location: nil,
                                          message: "no service or step of country '\(country)'; the rules have \(countries.sorted().joined(separator: ", "))")])
        }
        var keep = Set(nodes.filter { $0.country == country }.map(\.id))
        for edge in edges where keep.contains(edge.from) || keep.contains(edge.to) { keep.insert(edge.from); keep.insert(edge.to) }
        nodes = nodes.filter { keep.contains($0.id) && ($0.country == country || $0.country == nil) }
        let kept = Set(nodes.map(\.id))
        edges = edges.filter { kept.contains($0.from) && kept.contains($0.to) }
    }

    private static func nodes(_ program: Program) -> [Node] {
        let library = program.library
        let services = library.services.map {
            Node(id: $0.id, kind: .service, title: $0.title, group: $0.agency, country: $0.jurisdiction)
        }
        let actions = library.actions.map {
            Node(id: $0.id, kind: .action, title: "\($0.who): \($0.does)", group: "Steps by \($0.who)",
                 country: $0.jurisdiction, cost: $0.costs)
        }
        return services + actions
    }

    /// Whether two items can be in force for the same patient: the same country, or one
    /// of them for every country. A patient is evaluated under their own country's rules
    /// only, so an effect in one country never meets a criterion in another.
    static func sameCountry(_ a: CompiledItem, _ b: CompiledItem) -> Bool {
        a.jurisdiction == nil || b.jurisdiction == nil || a.jurisdiction == b.jurisdiction
    }

    private static func prerequisiteEdges(_ program: Program) -> [Edge] {
        let library = program.library
        let owners: [(id: String, requires: [Prerequisite])] = library.services.map { ($0.id, $0.requires) }
            + library.actions.map { ($0.id, $0.requires) }
        return owners.flatMap { owner in
            owner.requires.map { req in
                Edge(from: owner.id, to: req.service, kind: .requires,
                     words: [req.when.map { "requires, when " + words($0) } ?? "requires"],
                     rules: [req.origin.reference])
            }
        }
    }

    /// For each comparison in an item's criteria, the items of its country whose effects
    /// would make it come out the way the item needs (true, or false under a `not`).
    private static func effectEdges(_ program: Program) -> [Edge] {
        var result: [Edge] = []
        var position: [[String]: Int] = [:]
        func walk(_ owner: CompiledItem, _ node: Int32, _ wantTrue: Bool) {
            let n = program.nodes[Int(node)]
            switch n.kind {
            case .not:
                walk(owner, program.children[Int(n.first)], !wantTrue)
            case .all, .any:
                for c in Int(n.first)..<(Int(n.first) + Int(n.count)) { walk(owner, program.children[c], wantTrue) }
            case .leaf:
                let leaf = program.leaves[Int(n.first)]
                let note = program.notes[Int(program.nodeNotes[Int(node)])]
                for achiever in leaf.achievers[wantTrue ? 0 : 1] {
                    let target = program.items[Int(achiever)]
                    guard target.id != owner.id, sameCountry(owner, target) else { continue }
                    let words = ConditionWording.describe(leaf.comparison, wantTrue: wantTrue)
                    let rule = note.origin.reference
                    // One edge per pair: the comparisons the same step would meet are listed on it.
                    if let k = position[[owner.id, target.id]] {
                        if !zip(result[k].words, result[k].rules).contains(where: { $0 == (words, rule) }) {
                            result[k].words.append(words)
                            result[k].rules.append(rule)
                        }
                        continue
                    }
                    position[[owner.id, target.id]] = result.count
                    result.append(Edge(from: owner.id, to: target.id, kind: target.isCostly ? .wayOut : .effect,
                                       words: [words], rules: [rule]))
                }
            }
        }
        for item in program.items where item.criteria >= 0 { walk(item, item.criteria, true) }
        return result
    }

    /// Marks the edges that lie on a cycle of waiting: both ends in one strongly connected
    /// component (Tarjan). Ways out are not waiting, so they are left out.
    private mutating func markCycles() {
        let index = Dictionary(nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var successors = Array(repeating: [Int](), count: nodes.count)
        for edge in edges where edge.kind != .wayOut {
            if let a = index[edge.from], let b = index[edge.to] { successors[a].append(b) }
        }
        var component = Array(repeating: -1, count: nodes.count)
        for (c, members) in StrongComponents.of(successors).enumerated() {
            for member in members { component[member] = c }
        }
        for k in edges.indices where edges[k].kind != .wayOut {
            if let a = index[edges[k].from], let b = index[edges[k].to], a != b, component[a] == component[b] {
                edges[k].inCycle = true
            }
        }
    }
}

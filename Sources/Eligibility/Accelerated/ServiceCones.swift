/// For each service, everything its outcome can depend on: the items that can change it
/// (its prerequisites and the items whose effects its conditions read, and theirs in
/// turn, within one country) and the comparisons of all of them. Two patients whose
/// comparisons in a service's cone come out alike get the same outcome for that service,
/// so a cohort run can remember outcomes service by service.
struct ServiceCones: Sendable {
    /// Per cone (one per service, in service order): the items in it.
    var items: [[Int32]]
    /// Per cone: the jurisdiction symbol of its service (-1 when none).
    var jurisdiction: [Int64]
    /// Comparisons that test the same fact the same way count once: per canonical
    /// comparison, one leaf index that stands for all of them.
    var canonical: [Int32]
    /// Per cone: its comparisons as canonical indices, each once.
    var canonicalLeaves: [[Int32]]

    /// The same cones in storage of their own, for a worker thread (see `CohortProgram.privateCopy`).
    func privateCopy() -> ServiceCones {
        var copy = self
        copy.items = items.map { $0.map { $0 } }
        copy.jurisdiction = jurisdiction.map { $0 }
        copy.canonical = canonical.map { $0 }
        copy.canonicalLeaves = canonicalLeaves.map { $0.map { $0 } }
        return copy
    }

    init(_ rules: CohortProgram) {
        let program = rules.program
        let (dependsOn, directLeaves) = program.itemDependencies()
        let derivedCases = Dictionary(program.derived.map { d -> (Int, [Int32]) in
            if case .cases(let cases, _) = d.rule {
                return (d.slot, cases.flatMap { program.leafIndices(under: $0.when) })
            }
            return (d.slot, [])
        }, uniquingKeysWith: { a, _ in a })
        // A comparison on a derived fact also depends on the comparisons that derive it.
        let leavesOfItem = directLeaves.map { own in
            own + own.flatMap { derivedCases[program.leaves[Int($0)].slot] ?? [] }
        }
        items = []
        jurisdiction = []
        // Per cone: the comparisons (leaf indices) its outcome depends on.
        var leaves: [[Int32]] = []
        for s in 0..<program.serviceCount {
            let own = rules.items[s].jurisdiction
            // Items of another country are never active with this one: they change nothing.
            var seen: Set<Int> = [s]
            var queue = [s]
            while let x = queue.popLast() {
                for y in dependsOn[x] where !seen.contains(y) {
                    let other = rules.items[y].jurisdiction
                    guard own < 0 || other < 0 || other == own else { continue }
                    seen.insert(y)
                    queue.append(y)
                }
            }
            let cone = seen.sorted()
            items.append(cone.map(Int32.init))
            leaves.append(Array(Set(cone.flatMap { leavesOfItem[$0] })).sorted())
            jurisdiction.append(own)
        }
        var canonicalOf: [String: Int32] = [:]
        var canonical: [Int32] = []
        var leafToCanonical: [Int32] = []
        for (index, leaf) in rules.leaves.enumerated() {
            let key = rules.leafIdentity(leaf)
            let id = canonicalOf[key] ?? {
                canonicalOf[key] = Int32(canonical.count)
                canonical.append(Int32(index))
                return Int32(canonical.count - 1)
            }()
            leafToCanonical.append(id)
        }
        let cones = leaves.map { Array(Set($0.map { leafToCanonical[Int($0)] })).sorted() }
        // Number the canonical comparisons so that each cone's fall in few words of 32 (a
        // cohort key is the words its comparisons are in): those of small cones first,
        // those read by the same cones side by side.
        var readBy = Array(repeating: [Int](), count: canonical.count)
        for (s, cone) in cones.enumerated() { for c in cone { readBy[Int(c)].append(s) } }
        let smallest = readBy.map { $0.map { cones[$0].count }.min() ?? Int.max }
        let order = canonical.indices.sorted { a, b in
            if smallest[a] != smallest[b] { return smallest[a] < smallest[b] }
            if readBy[a] != readBy[b] { return readBy[a].lexicographicallyPrecedes(readBy[b]) }
            return a < b
        }
        var renumbered = Array(repeating: Int32(0), count: canonical.count)
        for (position, old) in order.enumerated() { renumbered[old] = Int32(position) }
        self.canonical = order.map { canonical[$0] }
        canonicalLeaves = cones.map { $0.map { renumbered[Int($0)] }.sorted() }
    }
}

extension CohortProgram {
    /// What a comparison tests, as text: two comparisons with the same identity always
    /// come out alike for one patient.
    func leafIdentity(_ leaf: HotLeaf) -> String {
        var key = "\(program.factNames[Int(leaf.slot)])|\(leaf.kind.rawValue)|\(leaf.x)|\(leaf.y)|\(leaf.value.tag.rawValue):\(leaf.value.bits):\(leaf.value.code)|"
        switch leaf.kind {
        case .oneOf:
            key += values[Int(leaf.start)..<Int(leaf.start + leaf.count)].map { "\($0.tag.rawValue):\($0.bits):\($0.code)" }.joined(separator: ",")
        case .icd10:
            key += ranges[Int(leaf.start)..<Int(leaf.start + leaf.count)].map { "\($0.low)-\($0.high)" }.joined(separator: ",")
        case .olderThan, .within:
            key += "\(durations[Int(leaf.start)])"
        case .known:
            key += "\(leaf.count)"
        default:
            break
        }
        return key
    }

    /// A condition tree as text, by fact names and values (the same in every program
    /// that shares a vocabulary).
    func conditionIdentity(_ root: Int32) -> String {
        guard root >= 0 else { return "-" }
        let n = program.nodes[Int(root)]
        switch n.kind {
        case .leaf:
            let leaf = leaves[Int(n.first)]
            var text = leafIdentity(leaf)
            if let derived = program.derived.first(where: { $0.slot == Int(leaf.slot) }) {
                switch derived.rule {
                case .daysSince(let source): text += "{days_since \(program.factNames[source])}"
                case .cases(let cases, let otherwise):
                    let values = program.literals[derived.slot]
                    text += "{" + cases.map { "\(conditionIdentity($0.when))=>\(program.describe(values[$0.valueBit]))" }.joined(separator: ";")
                    text += ";else \(otherwise.map { program.describe(values[$0]) } ?? "-")}"
                }
            }
            return text
        case .not: return "not(\(conditionIdentity(program.children[Int(n.first)])))"
        case .all, .any:
            let parts = (Int(n.first)..<Int(n.first + n.count)).map { conditionIdentity(program.children[$0]) }
            return (n.kind == .all ? "all(" : "any(") + parts.joined(separator: ",") + ")"
        }
    }

    /// Everything that decides the outcome of the service whose cone this is, as text:
    /// equal texts in two programs mean equal outcomes for every patient.
    func coneIdentity(_ cone: [Int32], itemIdentities: [String]? = nil) -> String {
        let identities = itemIdentities ?? self.itemIdentities()
        return cone.map { Int($0) }.sorted { program.items[$0].id < program.items[$1].id }.map { identities[$0] }.joined(separator: "\n")
    }

    /// Each item as text: its rules, prerequisites and effects (see `coneIdentity`).
    func itemIdentities() -> [String] {
        program.items.map { item in
            var text = "\(item.id)|\(item.isService)|\(item.isCostly)|\(item.jurisdiction ?? "")|\(item.validFrom)|\(item.validTo.map { "\($0)" } ?? "")"
            text += "|crit:\(conditionIdentity(item.criteria))"
            for req in item.requires { text += "|req:\(program.items[req.item].id):\(conditionIdentity(req.when))" }
            for effect in item.effects { text += "|eff:\(program.factNames[effect.slot])=\(program.describe(program.literals[effect.slot][effect.bit]))" }
            return text
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

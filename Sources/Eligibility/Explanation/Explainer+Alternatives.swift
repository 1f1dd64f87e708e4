extension Explainer {
    /// For each need the patient may have (its condition does not fail on their facts),
    /// the services of the report that meet it and are open to them: eligible or reachable,
    /// and not at a share of the fee the patient cannot pay. Only needs with two or more
    /// such services are alternatives.
    func alternatives(among outcomes: [ServiceOutcome]) -> [Alternatives] {
        let library = program.entries
        let open = Dictionary(outcomes.filter { $0.status == .eligible || $0.status == .reachable }.map { ($0.id, $0) },
                              uniquingKeysWith: { a, _ in a })
        var result: [Alternatives] = []
        for need in library.needs where (need.when.map(holds) ?? .yes) != .no {
            let services = library.services.filter { s in
                guard open[s.id] != nil, s.needs.contains(where: { $0.id == need.id }) else { return false }
                guard let cost = s.patientCost, cost.percent > 0, let when = cost.unaffordableWhen else { return true }
                return holds(when) != .yes
            }
            guard services.count >= 2 else { continue }
            result.append(Alternatives(need: need.id, title: need.title, services: services.map(\.id)))
        }
        return result
    }
}

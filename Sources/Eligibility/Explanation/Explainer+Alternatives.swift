extension Explainer {
    /// For each need the patient may have (its condition does not fail on their facts),
    /// the services of the report that meet it and are open to them: eligible or reachable,
    /// and not at a share of the fee the patient cannot pay. Only needs with two or more
    /// such services are alternatives.
    func alternatives(among outcomes: [ServiceOutcome]) -> [Alternatives] {
        let library = program.entries
        // By index: a filter would copy each outcome whole.
        var open: Set<String> = []
        for i in outcomes.indices where outcomes[i].status == .eligible || outcomes[i].status == .reachable { open.insert(outcomes[i].id) }
        var result: [Alternatives] = []
        for (n, need) in library.needs.enumerated() where holdsBefore(program.needWhen[n]) != .no {
            let services = library.servicesMeeting[n].filter { i in
                let s = library.services[i]
                guard open.contains(s.id) else { return false }
                guard let cost = s.patientCost, cost.percent > 0, program.unaffordableWhen[i] >= 0 else { return true }
                return holdsBefore(program.unaffordableWhen[i]) != .yes
            }
            guard services.count >= 2 else { continue }
            result.append(Alternatives(need: need.id, title: need.title, services: services.map { library.services[$0].id }))
        }
        return result
    }
}

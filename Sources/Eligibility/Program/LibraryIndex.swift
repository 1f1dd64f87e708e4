/// The library's entries listed once when the rules are compiled, for explanations: the
/// library itself lists them per rule set, and every report would list them again.
struct LibraryIndex: Sendable {
    let services: [Service]
    let servicesById: [String: Service]
    let actions: [Action]
    let actionsById: [String: Action]
    let needs: [Need]
    /// Per need (in `needs` order): the services that meet it, as indices in `services`.
    let servicesMeeting: [[Int]]
    let alerts: [AlertRule]
    /// Each source id as explanations cite it: `id: citation`, unconfirmed ones marked.
    let citations: [String: String]

    init(_ library: RuleLibrary) {
        services = library.services
        servicesById = Dictionary(services.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        actions = library.actions
        actionsById = Dictionary(actions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        needs = library.needs
        let services = services
        servicesMeeting = needs.map { need in
            services.indices.filter { services[$0].needs.contains { $0.id == need.id } }
        }
        alerts = library.alerts
        citations = Dictionary(uniqueKeysWithValues: library.sources.map { id, source in
            (id, source.verified ? "\(id): \(source.cite)" : "\(id): \(source.cite) [unconfirmed: \(source.note ?? "")]")
        })
    }

    /// Source ids as their citations, unconfirmed ones marked.
    func cite(_ ids: [String]) -> String {
        if ids.count == 1 { return citations[ids[0]] ?? ids[0] }
        return ids.map { citations[$0] ?? $0 }.joined(separator: "; ")
    }
}

import Eligibility

extension RecordFacts {
    /// `ServiceRequest.code` coding in this system names one service by its id.
    public static let serviceSystem = "urn:eligcheck:service"
    /// `ServiceRequest.performerType` coding in this system names an agency by its rule-set
    /// id (`dk.psychiatry`): every service of that rule set is being ordered.
    public static let agencySystem = "urn:eligcheck:agency"

    /// The draft ServiceRequests (only the selected ones when `selections` names any) →
    /// the services being ordered, by the order map. An order the map does not know asks
    /// nothing of these rules: it gets no card and is named in ``unmappedOrders`` (for the
    /// log), never refused, so that one unknown order does not cost the GP the others' cards.
    mutating func readOrders(_ bundle: FHIRElement, selections: Set<String>, library: RuleLibrary, map: OrderMap,
                             country: String?, into writer: inout FactWriter) throws(FHIRError) {
        for resource in try Self.resources(of: bundle) {
            guard try resource.string("resourceType") == "ServiceRequest" else { continue }
            let id = try resource.string("id")
            if !selections.isEmpty, !selections.contains("ServiceRequest/\(id ?? "")") { continue }
            var targets: [OrderTarget] = []
            var seenCodes: [String] = []
            for coding in try resource.codings("code") {
                let key = OrderMap.Key(system: coding.system ?? "", code: coding.code ?? "")
                seenCodes.append("\(key.system)|\(key.code)")
                if key.system == Self.serviceSystem {
                    targets.append(.everywhere(key.code))
                } else if let target = map.codes[key] {
                    targets.append(target)
                }
            }
            for coding in try resource.codings("performerType") {
                let key = OrderMap.Key(system: coding.system ?? "", code: coding.code ?? "")
                seenCodes.append("performerType \(key.system)|\(key.code)")
                if key.system == Self.agencySystem {
                    let ruleSet = library.ruleSets.first { $0.id == key.code }
                    targets += (ruleSet?.services ?? []).map { .everywhere($0.id) }
                } else if let target = map.performerTypes[key] {
                    targets.append(target)
                }
            }
            for performer in try resource.array("performer") {
                guard let identifier = try performer.object("identifier"),
                      let system = try identifier.string("system"), let value = try identifier.string("value") else { continue }
                seenCodes.append("performer \(map.identifierSystems[system] ?? system)|\(value)")
                if let target = map.organisations[.init(system: system, code: value)] { targets.append(target) }
            }
            if targets.isEmpty, let text = try resource.object("code")?.string("text")?.lowercased() {
                targets = map.keywords.filter { text.contains($0.text) }.map(\.target)
                if targets.isEmpty { seenCodes.append("code.text only") }
            }
            var services: [String] = []
            var awaitsCountry = false
            // A service the rules do not have (a misspelt `urn:eligcheck:service` code, or
            // a map entry whose service a reload removed) is an unknown order too.
            var unknown = targets.isEmpty
            for target in targets {
                if let service = target.service(in: country) {
                    if library.service(service) == nil {
                        unknown = true
                    } else if !services.contains(service) {
                        services.append(service)
                    }
                } else if country == nil {
                    awaitsCountry = true
                }
            }
            if services.isEmpty && !awaitsCountry {
                if unknown { unmappedOrders.append("\(resource.path): " + (seenCodes.isEmpty ? "no code" : seenCodes.joined(separator: ", "))) }
                continue
            }
            orders.append(Order(path: resource.path, resourceId: id, services: services, awaitsCountry: awaitsCountry))
            for service in services {
                for fact in map.orderFacts[service] ?? [] {
                    writer.set(fact.fact, fact.value, from: resource.path + " (the order is the referral)")
                }
            }
        }
    }
}

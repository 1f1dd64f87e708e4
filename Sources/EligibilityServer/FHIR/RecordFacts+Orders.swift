import Eligibility

extension RecordFacts {
    /// `ServiceRequest.code` coding in this system names one service by its id.
    public static let serviceSystem = "urn:eligcheck:service"
    /// `ServiceRequest.performerType` coding in this system names an agency by its rule-set
    /// id (`dk.psychiatry`): every service of that rule set is being ordered.
    public static let agencySystem = "urn:eligcheck:agency"

    /// The draft ServiceRequests (only the selected ones when `selections` names any) →
    /// the services being ordered. Orders of other kinds, and ServiceRequests that name no
    /// known service or agency, ask nothing of these rules.
    mutating func readOrders(_ bundle: FHIRElement, selections: Set<String>, library: RuleLibrary) throws(FHIRError) {
        for resource in try Self.resources(of: bundle) {
            guard try resource.string("resourceType") == "ServiceRequest" else { continue }
            let id = try resource.string("id")
            if !selections.isEmpty, !selections.contains("ServiceRequest/\(id ?? "")") { continue }
            var services: [String] = []
            for coding in try resource.codings("code") where coding.system == Self.serviceSystem {
                guard let code = coding.code, library.service(code) != nil else {
                    let known = library.services.map(\.id)
                    throw FHIRError(path: coding.path + ".code", message: "no service '\(coding.code ?? "")' in the rules\(Suggestion.hint(for: coding.code ?? "", among: known))")
                }
                services.append(code)
            }
            for coding in try resource.codings("performerType") where coding.system == Self.agencySystem {
                guard let code = coding.code, let ruleSet = library.ruleSets.first(where: { $0.id == code }) else {
                    let known = library.ruleSets.filter { !$0.services.isEmpty }.map(\.id)
                    throw FHIRError(path: coding.path + ".code", message: "no agency '\(coding.code ?? "")' in the rules\(Suggestion.hint(for: coding.code ?? "", among: known))")
                }
                services += ruleSet.services.map(\.id)
            }
            var seen: Set<String> = []
            services = services.filter { seen.insert($0).inserted }
            if !services.isEmpty {
                orders.append(Order(path: resource.path, resourceId: id, services: services))
            }
        }
    }
}

extension Engine {
    /// Refuses service ids of another country than the patient's: each country's rules
    /// apply to its own patients only, so such a service would silently show nothing.
    /// Unknown ids are left to `report(for:)`, which names them.
    /// - Throws: a failure naming each such id, its country and the patient's.
    public func checkServices(_ ids: [String], for patient: Patient) throws(LoadFailure) {
        guard case .string(let country)? = patient.facts["jurisdiction"] else { return }
        var problems: [Diagnostic] = []
        for id in ids {
            guard let service = library.service(id), let other = service.jurisdiction, other != country else { continue }
            problems.append(Diagnostic(file: "--service", location: nil,
                message: "'\(id)' is a service of \(other), but the patient's jurisdiction is \(country); each country's rules apply to its own patients only (name a \(country) service, or check the patient's jurisdiction)"))
        }
        guard problems.isEmpty else { throw LoadFailure(problems) }
    }
}

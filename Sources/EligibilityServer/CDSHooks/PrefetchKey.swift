/// The prefetch templates this service asks for (discovery), each a FHIR R4 query the
/// record system runs before calling, or this service runs itself when the call lacks its
/// result (`docs/FHIR.md`).
enum PrefetchKey: String, CaseIterable, Sendable {
    case patient, conditions, consents

    /// The template, with `{{context.patientId}}` where the patient's id goes.
    var template: String { query(patientId: "{{context.patientId}}") }

    /// The query for one patient, relative to the FHIR server's base. Conditions: the
    /// current ones only (`active` and its subtypes `recurrence` and `relapse`; a server
    /// need not count those under `active` by itself).
    func query(patientId: String) -> String {
        switch self {
        case .patient: return "Patient/\(patientId)"
        case .conditions: return "Condition?patient=\(patientId)&clinical-status=active,recurrence,relapse"
        case .consents: return "Consent?patient=\(patientId)&status=active"
        }
    }

    /// The resource type queried.
    var resourceType: String {
        switch self {
        case .patient: return "Patient"
        case .conditions: return "Condition"
        case .consents: return "Consent"
        }
    }

    /// What the result is, in the cards' words.
    var what: String {
        switch self {
        case .patient: return "the patient"
        case .conditions: return "the conditions"
        case .consents: return "the consents"
        }
    }
}

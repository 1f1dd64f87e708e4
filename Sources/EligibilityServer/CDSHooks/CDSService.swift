/// The CDS Hooks services this server offers (CDS Hooks 2.0 discovery).
public enum CDSService: String, Sendable, CaseIterable {
    /// On `order-select`: one card per service the GP is ordering.
    case referral = "eligcheck-referral"
    /// On `patient-view`: the few services that matter most for this patient.
    case patientView = "eligcheck-patient-view"

    /// The hook the record system calls the service on.
    public var hook: String {
        switch self {
        case .referral: return "order-select"
        case .patientView: return "patient-view"
        }
    }

    /// The name the record system shows for the service.
    public var title: String {
        switch self {
        case .referral: return "Referral check (DK, SE, NO mental health)"
        case .patientView: return "Eligibility overview (DK, SE, NO mental health)"
        }
    }

    /// What the service does, for the record system's configuration.
    public var description: String {
        switch self {
        case .referral:
            return "While a referral is ordered: will the receiving service accept it, what must be done first, and which facts are missing."
        case .patientView:
            return "When the record opens: the services this patient can get now or after a few steps, what blocks the others, and the questions still open."
        }
    }

    /// Prefetch templates (FHIR R4 queries the record system runs before calling):
    /// key → query. `docs/FHIR.md` says what each element becomes.
    public static let prefetch: [(key: String, query: String)] = PrefetchKey.allCases.map { ($0.rawValue, $0.template) }
}

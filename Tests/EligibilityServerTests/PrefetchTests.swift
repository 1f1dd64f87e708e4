import Eligibility
import EligibilityServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// What a prefetch may be: the patient of the call, present (else 412), an OperationOutcome
/// (missing), a paginated Bundle (read, said to be incomplete).
@Suite struct PrefetchTests {
    static func prefetch(_ key: String, _ value: Any) -> (inout [String: Any]) -> Void {
        { call in
            var prefetch = call["prefetch"] as? [String: Any] ?? [:]
            prefetch[key] = value
            call["prefetch"] = prefetch
        }
    }

    static var outcome: [String: Any] { ["resourceType": "OperationOutcome", "issue": [["severity": "error", "code": "not-found"]]] }

    @Test func anotherPatientsPrefetchIsRefusedNamingBothPaths() async throws {
        try await CDSHooksErrorTests.expect(CDSHooksErrorTests.patient { $0["id"] = "dk-pt-2" }, .badRequest, at: "prefetch.patient.id",
                                            "differs from context.patientId: the prefetched Patient is not the patient of the call")
    }

    @Test func theHookInstanceIsRequired() async throws {
        try await CDSHooksErrorTests.expect({ $0["hookInstance"] = nil }, .badRequest, at: "hookInstance",
                                            "missing; a CDS Hooks request names its hook instance (a UUID)")
    }

    static let withoutClients = "missing, and this service queries a FHIR server only for the CDS clients of serve --cds-clients, and runs without them; the record system must send the prefetch templates of GET /cds-services"

    @Test func aNullOrFailedPatientPrefetchIs412() async throws {
        try await CDSHooksErrorTests.expect(Self.prefetch("patient", NSNull()), .preconditionFailed, at: "prefetch.patient", Self.withoutClients)
        // With a FHIR server named: still not queried without CDS clients to trust it from.
        try await CDSHooksErrorTests.expect({ call in
            Self.prefetch("patient", NSNull())(&call)
            call["fhirServer"] = "https://fhir.region.example/r4"
            call["fhirAuthorization"] = ["access_token": "t", "token_type": "Bearer", "expires_in": 300, "scope": "user/Patient.read", "subject": "eligcheck"]
        }, .preconditionFailed, at: "prefetch.patient", Self.withoutClients)
        try await CDSHooksErrorTests.expect(Self.prefetch("patient", Self.outcome), .preconditionFailed, at: "prefetch.patient",
                                            "the record system sent an OperationOutcome (its query failed), and CDS Hooks asks the service not to query again; the patient is needed")
    }

    @Test func ordersThatAskNothingOfTheRulesNeedNoPatient() async throws {
        // A medication order alone, and no prefetch at all: no card, no 412.
        let (status, text) = try await CDSHooksErrorTests.post(try CDSHooksErrorTests.call { call in
            call["prefetch"] = nil
            var context = call["context"] as? [String: Any] ?? [:]
            context["selections"] = ["MedicationRequest/dk-mr-1"]
            call["context"] = context
        })
        #expect(status == .ok)
        #expect(text == "{\n  \"cards\": []\n}\n")
    }

    @Test func aPatientViewOfAPatientOutsideTheRulesCountriesHasNoCard() async throws {
        let body = try CDSHooksErrorTests.call { call in
            call["hook"] = "patient-view"
            call["context"] = ["userId": "Practitioner/dk-gp-1", "patientId": "dk-pt-1"]
            CDSHooksErrorTests.patient { $0["address"] = [["use": "home", "country": "DE"]] }(&call)
        }
        let (status, text) = try await CDSHooksErrorTests.post(body, to: "eligcheck-patient-view")
        #expect(status == .ok)
        #expect(text == "{\n  \"cards\": []\n}\n")
    }

    @Test func anOperationOutcomeForConditionsIsTreatedAsMissing() async throws {
        let (status, text) = try await CDSHooksErrorTests.post(try CDSHooksErrorTests.call(Self.prefetch("conditions", Self.outcome)))
        #expect(status == .ok)
        #expect(!text.contains("`diagnosis.icd10` (prefetch"))
        #expect(text.contains("Note: the conditions could not be fetched (the record system sent an OperationOutcome for prefetch.conditions), so they are unknown."))
        let summaries = try OrderMapTests.summaries(text)
        #expect(summaries.last?.contains("open question") == true, "the open-questions card: \(summaries)")
    }

    @Test func aPaginatedConditionBundleIsReadAndSaidToBeIncomplete() throws {
        let record = try RecordTerminologyTests.record("no-fnr-order-select")
        #expect(record.facts["diagnosis.icd10"] == .string("F32.1"))
        #expect(record.notes == ["the conditions are only the first page of the search (prefetch.conditions has a next link), so the list may be incomplete"])
    }

    @Test func anEndedOrNotYetBegunConsentIsNotValid() throws {
        let swedish = try RecordTerminologyTests.record("se-personnummer-patient-view")
        #expect(swedish.facts["consent.health_social_sharing"] == .string("written"))
        #expect(swedish.origins["consent.health_social_sharing"] == "prefetch.consents.entry[1].resource.provision")
        let ended = try RecordTerminologyTests.record("se-personnummer-patient-view") { call in
            var prefetch = call["prefetch"] as? [String: Any] ?? [:]
            var bundle = prefetch["consents"] as? [String: Any] ?? [:]
            bundle["entry"] = (bundle["entry"] as? [Any] ?? []).prefix(1).map { $0 }
            prefetch["consents"] = bundle
            call["prefetch"] = prefetch
        }
        #expect(ended.facts["consent.health_social_sharing"] == nil)
    }
}

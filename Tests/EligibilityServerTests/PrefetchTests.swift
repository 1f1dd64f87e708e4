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

    @Test func aNullOrFailedPatientPrefetchIs412() async throws {
        let message = "missing; this service does not query the FHIR server, so the record system must send the prefetch templates of GET /cds-services"
        try await CDSHooksErrorTests.expect(Self.prefetch("patient", NSNull()), .preconditionFailed, at: "prefetch.patient", message)
        try await CDSHooksErrorTests.expect(Self.prefetch("patient", Self.outcome), .preconditionFailed, at: "prefetch.patient", message)
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

import Eligibility
import EligibilityServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A CDS Hooks call that breaks FHIR R4 or the hook's shape gets a JSON error naming the
/// element's path; what is valid but unmappable stays unknown.
@Suite struct CDSHooksErrorTests {
    /// The Danish order-select call with one change.
    static func call(_ edit: (inout [String: Any]) -> Void) throws -> ByteBuffer {
        let data = try Data(contentsOf: CDSHooksTests.fixtures.appendingPathComponent("dk-order-select.json"))
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        edit(&object)
        return ByteBuffer(data: try JSONSerialization.data(withJSONObject: object))
    }

    static func post(_ body: ByteBuffer, to service: String = "eligcheck-referral") async throws -> (HTTPResponse.Status, String) {
        try await CDSHooksTests.app().test(.router) { client in
            try await client.execute(uri: "/cds-services/\(service)", method: .post, headers: CDSHooksTests.headers, body: body) { response in
                (response.status, response.text)
            }
        }
    }

    static func expect(_ edit: @escaping (inout [String: Any]) -> Void, _ status: HTTPResponse.Status, at path: String, _ message: String,
                       service: String = "eligcheck-referral") async throws {
        let (got, text) = try await post(try call(edit), to: service)
        #expect(got == status)
        #expect(text == ErrorTests.error(Int(status.code), [(path, message)]))
    }

    static func patient(_ change: @escaping (inout [String: Any]) -> Void) -> (inout [String: Any]) -> Void {
        { call in
            var prefetch = call["prefetch"] as? [String: Any] ?? [:]
            var patient = prefetch["patient"] as? [String: Any] ?? [:]
            change(&patient)
            prefetch["patient"] = patient
            call["prefetch"] = prefetch
        }
    }

    static func condition(_ change: @escaping (inout [String: Any]) -> Void) -> (inout [String: Any]) -> Void {
        { call in
            var prefetch = call["prefetch"] as? [String: Any] ?? [:]
            var bundle = prefetch["conditions"] as? [String: Any] ?? [:]
            var entries = bundle["entry"] as? [[String: Any]] ?? []
            var resource = entries[0]["resource"] as? [String: Any] ?? [:]
            change(&resource)
            entries[0]["resource"] = resource
            bundle["entry"] = entries
            prefetch["conditions"] = bundle
            call["prefetch"] = prefetch
        }
    }

    @Test func aBirthDateThatIsNoDate() async throws {
        try await Self.expect(Self.patient { $0["birthDate"] = "14-03-1997" }, .badRequest, at: "prefetch.patient.birthDate",
                              "not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
        try await Self.expect(Self.patient { $0["birthDate"] = "1997-02-30" }, .badRequest, at: "prefetch.patient.birthDate",
                              "not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
        try await Self.expect(Self.patient { $0["birthDate"] = 1997 }, .badRequest, at: "prefetch.patient.birthDate",
                              "expected a string, found the number 1997")
        try await Self.expect(Self.patient { $0["birthDate"] = "2027-01-01" }, .badRequest, at: "prefetch.patient.birthDate",
                              "after the evaluation date 2026-11-23")
    }

    @Test func aPartialBirthDateLeavesTheAgeUnknown() async throws {
        let (status, text) = try await Self.post(try Self.call(Self.patient { $0["birthDate"] = "1997" }))
        #expect(status == .ok)
        #expect(text.contains("Not used: the birth date gives no day, so the age is not known."))
        #expect(!text.contains("`age` (prefetch.patient.birthDate)"))
    }

    @Test func theWrongResourceOrShape() async throws {
        try await Self.expect(Self.patient { $0["resourceType"] = "Practitioner" }, .badRequest, at: "prefetch.patient.resourceType",
                              "expected Patient, found 'Practitioner'")
        try await Self.expect(Self.patient { $0["address"] = ["country": "DK"] }, .badRequest, at: "prefetch.patient.address",
                              "expected an array, found a mapping")
        try await Self.expect({ call in
            var prefetch = call["prefetch"] as? [String: Any] ?? [:]
            prefetch["conditions"] = ["resourceType": "Condition"]
            call["prefetch"] = prefetch
        }, .badRequest, at: "prefetch.conditions.resourceType", "expected Bundle, found 'Condition'")
    }

    @Test func aCodeThatIsNoICD10() async throws {
        try await Self.expect(Self.condition { $0["code"] = ["coding": [["system": "urn:oid:1.2.208.176.2.4", "code": "DF4X1"]]] },
                              .badRequest, at: "prefetch.conditions.entry[0].resource.code.coding[0].code",
                              "not an ICD-10 code (character 4: expected two digits after the letter, found 'X')")
        try await Self.expect(Self.condition { $0["onsetDateTime"] = "June 2026" }, .badRequest,
                              at: "prefetch.conditions.entry[0].resource.onsetDateTime",
                              "not a date (expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss+zz:zz)")
        // The episode cannot begin after the day the record is read on (as a birth date cannot).
        try await Self.expect(Self.condition { $0["onsetDateTime"] = "2027-01-10" }, .badRequest,
                              at: "prefetch.conditions.entry[0].resource.onsetDateTime", "after the evaluation date 2026-11-23")
    }

    @Test func aMisspeltServiceCostsOnlyItsOwnCard() async throws {
        // A typo in one order's coding must not cost the other order its card.
        let body = try Self.call { call in
            var context = call["context"] as? [String: Any] ?? [:]
            var bundle = context["draftOrders"] as? [String: Any] ?? [:]
            var entries = bundle["entry"] as? [[String: Any]] ?? []
            var resource = entries[0]["resource"] as? [String: Any] ?? [:]
            resource["code"] = ["coding": [["system": "urn:eligcheck:service", "code": "dk.care_manager.cours"]]]
            entries[0]["resource"] = resource
            bundle["entry"] = entries
            context["draftOrders"] = bundle
            call["context"] = context
        }
        let (status, text) = try await Self.post(body)
        #expect(status == .ok)
        let summaries = try OrderMapTests.summaries(text)
        #expect(summaries.contains { $0.hasPrefix("Regional psychiatry assesses the referral") })
        #expect(!summaries.contains { $0.hasPrefix("Care-manager course") })
    }

    @Test func theHookAndContextMustFit() async throws {
        try await Self.expect({ $0["hook"] = "patient-view" }, .badRequest, at: "hook",
                              "expected order-select for eligcheck-referral, found 'patient-view'")
        try await Self.expect({ call in
            var context = call["context"] as? [String: Any] ?? [:]
            context["patientId"] = nil
            call["context"] = context
        }, .badRequest, at: "context.patientId", "missing; the hook's context names the patient")
        try await Self.expect({ $0["prefetch"] = nil }, .preconditionFailed, at: "prefetch.patient", PrefetchTests.withoutClients)
        let (status, text) = try await Self.post(ByteBuffer(string: "{\"hook\": \"order-select\",\n  \"context\": {]}"))
        #expect(status == .badRequest)
        #expect(text == ErrorTests.error(400, [("body:2:15", "JSON: expected a quoted key, found ']'")]))
    }

    @Test func anUnknownServiceIs404() async throws {
        let (status, text) = try await Self.post(try Self.call { _ in }, to: "eligcheck-referal")
        #expect(status == .notFound)
        #expect(text == ErrorTests.error(404, [("id", "no CDS service 'eligcheck-referal'; GET /cds-services lists them; did you mean 'eligcheck-referral'?")]))
    }

    @Test func aCountryWithoutRulesGetsOneCard() async throws {
        let body = try Self.call(Self.patient { $0["address"] = [["use": "home", "country": "DE"]] })
        let (status, text) = try await Self.post(body)
        #expect(status == .ok)
        #expect(text == """
        {
          "cards": [
            {
              "uuid": "00000000-0000-4000-8000-000000000001",
              "summary": "No check: the record gives no address in Denmark, Sweden or Norway",
              "indicator": "warning",
              "detail": "These rules cover Denmark, Sweden and Norway; the patient's country comes from the home address (`Patient.address.country`), else from a national person number in `Patient.identifier` (CPR, personnummer, fødselsnummer).\\n\\n- The address country is not Denmark, Sweden or Norway",
              "source": {
                "label": "eligcheck rules \(ServerFixture.engine.library.version)"
              },
              "overrideReasons": [
                {
                  "system": "urn:eligcheck:override-reason",
                  "code": "clinical-judgement",
                  "display": "Clinical judgement differs from the rules"
                },
                {
                  "system": "urn:eligcheck:override-reason",
                  "code": "record-out-of-date",
                  "display": "The record's facts are wrong or out of date"
                },
                {
                  "system": "urn:eligcheck:override-reason",
                  "code": "patient-declines",
                  "display": "The patient declines"
                },
                {
                  "system": "urn:eligcheck:override-reason",
                  "code": "already-arranged",
                  "display": "Already arranged another way"
                }
              ]
            }
          ]
        }

        """)
    }
}

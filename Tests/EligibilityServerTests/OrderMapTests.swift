import Eligibility
import EligibilityServer
import Foundation
import Hummingbird
import HummingbirdTesting
import InMemoryLogging
import Logging
import Testing

/// The order map: SNOMED CT referral codes, words of `code.text` and the project's own
/// codings name services; an order the map does not know gets no card and one log line.
@Suite struct OrderMapTests {
    static func post(_ body: ByteBuffer, logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
                     record: RecordSettings? = nil) async throws -> (HTTPResponse.Status, String) {
        try await ServerFixture.app(record: record, logger: logger, today: { CDSHooksTests.day }).test(.router) { client in
            try await client.execute(uri: "/cds-services/eligcheck-referral", method: .post, headers: CDSHooksTests.headers, body: body) { response in
                (response.status, response.text)
            }
        }
    }

    static func call(_ name: String, _ edit: (inout [String: Any]) -> Void = { _ in }) throws -> ByteBuffer {
        let data = try Data(contentsOf: CDSHooksTests.fixtures.appendingPathComponent(name + ".json"))
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        edit(&object)
        return ByteBuffer(data: try JSONSerialization.data(withJSONObject: object))
    }

    static func summaries(_ text: String) throws -> [String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return (object["cards"] as? [[String: Any]] ?? []).compactMap { $0["summary"] as? String }
    }

    @Test func anUnknownOrderGetsNoCardAndOneLogLineWithoutPatientValues() async throws {
        let handler = InMemoryLogHandler()
        let logger = Logger(label: "test", factory: { _ in handler })
        let (status, text) = try await Self.post(try Self.call("dk-snomed-order-select"), logger: logger)
        #expect(status == .ok)
        let summaries = try Self.summaries(text)
        #expect(summaries.contains { $0.hasPrefix("Regional psychiatry assesses the referral (visitation)") })
        #expect(summaries.contains { $0.hasPrefix("GP referral to a psychologist") })
        #expect(!summaries.contains { $0.hasPrefix("Care-manager course") })
        let lines = handler.entries.filter { $0.message == "order maps to no service" }
        #expect(lines.count == 1)
        #expect(lines.first?.metadata["order"] == .string("context.draftOrders.entry[2].resource: urn:eligcheck:service|dk.care_manager.cours"))
        let everything = handler.entries.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
        for value in ["dk-pt-1", "Jensen", "1997-03-14", "psykiatrien", "sygesikring", "F41.1"] {
            #expect(!everything.contains(value), "the log holds '\(value)'")
        }
    }

    @Test func onlyTheOrderTextIsLoggedAsSuch() async throws {
        let handler = InMemoryLogHandler()
        let logger = Logger(label: "test", factory: { _ in handler })
        let body = try Self.call("dk-snomed-order-select") { call in
            var context = call["context"] as? [String: Any] ?? [:]
            context["selections"] = nil
            context["draftOrders"] = ["resourceType": "Bundle", "type": "collection", "entry": [["resource": [
                "resourceType": "ServiceRequest", "id": "sr-x", "status": "draft", "intent": "order",
                "code": ["text": "Fysioterapi, Mette Jensen"], "subject": ["reference": "Patient/dk-pt-1"]]]]]
            call["context"] = context
        }
        let (status, text) = try await Self.post(body, logger: logger)
        #expect(status == .ok)
        #expect(text == "{\n  \"cards\": []\n}\n")
        #expect(handler.entries.filter { $0.message == "order maps to no service" }.map { $0.metadata["order"] }
                == [.string("context.draftOrders.entry[0].resource: code.text only")])
    }

    @Test func theOrderIsTheReferralSoDPSDoesNotAskForOne() async throws {
        let body = try Self.call("no-order-select") { call in
            var context = call["context"] as? [String: Any] ?? [:]
            context["selections"] = nil
            context["draftOrders"] = ["resourceType": "Bundle", "type": "collection", "entry": [["resource": [
                "resourceType": "ServiceRequest", "id": "no-sr-9", "status": "draft", "intent": "order",
                "code": ["coding": [["system": "http://snomed.info/sct", "code": "183524004", "display": "Referral to psychiatry service"]]],
                "subject": ["reference": "Patient/no-pt-1"]]]]]
            call["context"] = context
        }
        let (status, text) = try await Self.post(body)
        #expect(status == .ok)
        let summaries = try Self.summaries(text)
        #expect(summaries.first?.hasPrefix("Outpatient mental health care at DPS after GP referral") == true, "\(summaries)")
        #expect(!text.contains("Has DPS received a referral"))
        #expect(text.contains("referral received by DPS (context.draftOrders.entry[0].resource (the order is the referral))"))
    }

    @Test func theBundledMapLoadsAndNamesServicesByCountry() throws {
        let map = ServerFixture.orderMap
        let psychiatry = try #require(map.codes[.init(system: "http://snomed.info/sct", code: "183524004")])
        #expect(psychiatry.service(in: "DK") == "dk.psychiatry.visitation")
        #expect(psychiatry.service(in: "NO") == "no.dps.outpatient")
        #expect(psychiatry.service(in: "SE") == nil)
        #expect(psychiatry.service(in: nil) == nil)
        #expect(map.identifierSystems["urn:oid:1.2.208.176.1.1"] == "SOR (DK)")
    }

    @Test func aMapWithMistakesIsRefusedWithEveryPlace() throws {
        let text = """
        codes:
          - system: http://snomed.info/sct
            code: "183524004"
            services: {DK: dk.psychiatry.visitaton, SW: se.sip.plan}
          - {system: http://snomed.info/sct, cod: "1"}
        keyword:
          - {text: x, services: dk.gp.talk_therapy}
        the_order_is_the_referral:
          no.dps.outpatient: {dps.referral_recieved: true, age: "many"}

        """
        #expect(throws: LoadFailure.self) { try OrderMap.parse(SourceText(name: "map.yaml", text: text), library: ServerFixture.engine.library) }
        do {
            _ = try OrderMap.parse(SourceText(name: "map.yaml", text: text), library: ServerFixture.engine.library)
        } catch {
            #expect(error.description == """
            map.yaml:4:20: error: no service 'dk.psychiatry.visitaton' in the rules; did you mean 'dk.psychiatry.visitation'?
                services: {DK: dk.psychiatry.visitaton, SW: se.sip.plan}
                               ^
            map.yaml:4:45: error: 'SW' is not a country of these rules (DK, SE or NO; write "NO" in quotes)
                services: {DK: dk.psychiatry.visitaton, SW: se.sip.plan}
                                                        ^
            map.yaml:5:38: error: unknown field 'cod'; did you mean 'code'?
              - {system: http://snomed.info/sct, cod: "1"}
                                                 ^
            map.yaml:5:5: error: missing field 'code'
              - {system: http://snomed.info/sct, cod: "1"}
                ^
            map.yaml:5:5: error: missing field 'services'
              - {system: http://snomed.info/sct, cod: "1"}
                ^
            map.yaml:6:1: error: unknown section 'keyword'; did you mean 'keywords'?
            keyword:
            ^
            map.yaml:9:23: error: no fact 'dps.referral_recieved' that a record can give in the rules; did you mean 'dps.referral_received'?
              no.dps.outpatient: {dps.referral_recieved: true, age: "many"}
                                  ^
            map.yaml:9:57: error: 'age' is integer, found the text "many"
              no.dps.outpatient: {dps.referral_recieved: true, age: "many"}
                                                                    ^
            """)
        }
    }

    @Test func aMedicationOrderWithoutCountryGetsNoCard() async throws {
        let body = try CDSHooksErrorTests.call { call in
            var prefetch = call["prefetch"] as? [String: Any] ?? [:]
            var patient = prefetch["patient"] as? [String: Any] ?? [:]
            patient["address"] = [["use": "home", "city": "Viborg"]]
            prefetch["patient"] = patient
            call["prefetch"] = prefetch
            var context = call["context"] as? [String: Any] ?? [:]
            context["selections"] = ["MedicationRequest/dk-mr-1"]
            call["context"] = context
        }
        let (status, text) = try await CDSHooksErrorTests.post(body)
        #expect(status == .ok)
        #expect(text == "{\n  \"cards\": []\n}\n")
    }

    @Test func aDeploymentMapNamesItsReceivingUnitsAndWords() async throws {
        // A deployment's own map: its visitation unit's SOR code, and a local order code.
        let text = """
        codes:
          - {system: "urn:oid:1.2.208.176.9.99", code: HENV-PSYK-07, services: {DK: dk.psychiatry.visitation}}
        organisations:
          - {system: "urn:oid:1.2.208.176.1.1", value: "123451000016007", services: {DK: dk.psychologist.referral}}
        identifier_systems:
          - {system: "urn:oid:1.2.208.176.1.1", name: SOR}

        """
        let map = try OrderMap.parse(SourceText(name: "local.yaml", text: text), library: ServerFixture.engine.library)
        let body = try Self.call("dk-snomed-order-select") { call in
            var context = call["context"] as? [String: Any] ?? [:]
            context["selections"] = nil
            context["draftOrders"] = ["resourceType": "Bundle", "type": "collection", "entry": [
                ["resource": ["resourceType": "ServiceRequest", "id": "sr-a", "status": "draft", "intent": "order",
                              "code": ["coding": [["system": "urn:oid:1.2.208.176.9.99", "code": "HENV-PSYK-07"]]],
                              "subject": ["reference": "Patient/dk-pt-1"]]],
                ["resource": ["resourceType": "ServiceRequest", "id": "sr-b", "status": "draft", "intent": "order",
                              "code": ["text": "Henvisning"],
                              "performer": [["identifier": ["system": "urn:oid:1.2.208.176.1.1", "value": "123451000016007"]]],
                              "subject": ["reference": "Patient/dk-pt-1"]]],
            ]]
            call["context"] = context
        }
        let (status, text2) = try await Self.post(body, record: RecordSettings(orderMap: map))
        #expect(status == .ok)
        let summaries = try Self.summaries(text2)
        #expect(summaries.contains { $0.hasPrefix("Regional psychiatry assesses the referral (visitation)") })
        #expect(summaries.contains { $0.hasPrefix("GP referral to a psychologist") })
        // The bundled map knows neither: no card for either.
        let (_, bundled) = try await Self.post(body)
        #expect(bundled == "{\n  \"cards\": []\n}\n")
    }
}

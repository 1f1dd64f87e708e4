import Eligibility
import Foundation
import Testing
@testable import EligibilityServer

/// Cards for patients whose facts are all known (the example files), so that every kind of
/// card shows: will decline, steps first with suggestions, deadlock with ways out, and the
/// critical card for acute risk. Compared whole with golden files.
@Suite struct CardDeckTests {
    static let fixtures = CDSHooksTests.fixtures

    /// The order-select cards for the services ordered, as if each were a draft
    /// ServiceRequest `sr-{n}` placed by `Practitioner/gp-1` for a patient whose record names
    /// the practice as the GP.
    static func cards(_ example: String, services: [String], edit: (inout Patient) -> Void = { _ in }) throws -> String {
        let engine = ServerFixture.engine
        let text = try String(contentsOf: ServerFixture.root.appendingPathComponent("examples/\(example).yaml"), encoding: .utf8)
        var patient = try engine.decoder.decode(SourceText(name: example, text: text))
        edit(&patient)
        var record = RecordFacts(patientId: patient.id ?? "")
        record.facts = patient.facts
        record.orders = services.enumerated().map { .init(path: "context.draftOrders.entry[\($0)].resource", resourceId: "sr-\($0 + 1)", services: [$1]) }
        record.generalPractitioner = FHIRReference(reference: "Organization/practice-1", display: "Lægehuset Søndergade")
        let tasks = TaskContext(patientId: record.patientId, requester: FHIRReference(reference: "Practitioner/gp-1", display: nil), now: ServerFixture.now)
        let outcomes = try engine.outcomes(for: patient, asOf: CDSHooksTests.day, services: services)
        return String(decoding: Card.response(CardDeck(outcomes: outcomes, record: record, library: engine.library).orderCards(services), tasks: tasks, ids: .numbered), as: UTF8.self)
    }

    static func expectGolden(_ text: String, _ name: String) throws {
        let url = fixtures.appendingPathComponent(name + ".cards.json")
        if ProcessInfo.processInfo.environment["ELIGCHECK_WRITE_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(text == (try? String(contentsOf: url, encoding: .utf8)))
    }

    @Test func declineAndStepsFirst() throws {
        // The example leaves open whether the region offers the scheme; here it does, so the steps show.
        let text = try Self.cards("dk-care-manager-not-booked", services: ["dk.care_manager.course", "dk.psychiatry.visitation"]) {
            $0.facts["gp.care_manager_scheme_offered"] = .bool(true)
            $0.facts["treatment.gp_tried"] = .bool(false)
        }
        try Self.expectGolden(text, "known-dk-care-manager")
        #expect(text.contains("\"summary\": \"Regional psychiatry assesses the referral (visitation) will decline: "))
        #expect(text.contains("\"resourceType\": \"Task\""))
    }

    @Test func aSuggestedTaskIsComplete() throws {
        let text = try Self.cards("dk-care-manager-not-booked", services: ["dk.care_manager.course"]) {
            $0.facts["gp.care_manager_scheme_offered"] = .bool(true)
        }
        let response = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let cards = try #require(response["cards"] as? [[String: Any]])
        let suggestion = try #require((cards.first?["suggestions"] as? [[String: Any]])?.first)
        let actions = try #require(suggestion["actions"] as? [[String: Any]])
        let task = try #require(actions.first?["resource"] as? [String: Any])
        let description = "Join the care-manager scheme the region offers to practices, to have a care manager assigned"
        #expect(task as NSDictionary == [
            "resourceType": "Task", "status": "draft", "intent": "proposal",
            "code": ["coding": [["system": "urn:eligcheck:action", "code": "dk.gp.join_care_manager_scheme"]], "text": description],
            "description": description,
            "focus": ["reference": "ServiceRequest/sr-1"],
            "for": ["reference": "Patient/dk-ex-care-manager-not-booked"],
            "authoredOn": "2026-11-23T09:00:00Z",
            "requester": ["reference": "Practitioner/gp-1"],
            "owner": ["reference": "Organization/practice-1", "display": "Lægehuset Søndergade"],
        ] as NSDictionary)
    }

    @Test func deadlockWithWaysOut() throws {
        let text = try Self.cards("se-sick-leave-trap-day200", services: ["se.employment.job_support"])
        try Self.expectGolden(text, "known-se-deadlock")
        #expect(text.contains("\"indicator\": \"warning\""))
    }

    @Test func acuteRiskComesFirstAndCritical() throws {
        let text = try Self.cards("dk-care-manager-not-booked", services: ["dk.psychiatry.visitation"]) { $0.facts["risk.acute"] = .bool(true) }
        try Self.expectGolden(text, "known-dk-acute")
        let first = try #require(text.range(of: "\"indicator\": "))
        #expect(text[first.upperBound...].hasPrefix("\"critical\""))
    }

    @Test func summariesFitWithAnEllipsis() {
        let long = String(repeating: "word ", count: 40)
        let fitted = Card.fit(long)
        #expect(fitted.count < Card.maxSummary)
        #expect(fitted.hasSuffix("word…"))
        #expect(Card.fit("short") == "short")
    }
}

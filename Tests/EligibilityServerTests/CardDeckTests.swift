import Eligibility
import Foundation
import Testing
@testable import EligibilityServer

/// Cards for patients whose facts are all known (the example files), so that every kind of
/// card shows: will decline, steps first with suggestions, deadlock with ways out, and the
/// critical card for acute risk. Compared whole with golden files.
@Suite struct CardDeckTests {
    static let fixtures = CDSHooksTests.fixtures

    static func cards(_ example: String, services: [String], edit: (inout Patient) -> Void = { _ in }) throws -> String {
        let engine = ServerFixture.engine
        let text = try String(contentsOf: ServerFixture.root.appendingPathComponent("examples/\(example).yaml"), encoding: .utf8)
        var patient = try engine.decoder.decode(SourceText(name: example, text: text))
        edit(&patient)
        var record = RecordFacts(patientId: patient.id ?? "")
        record.facts = patient.facts
        let outcomes = try engine.outcomes(for: patient, asOf: CDSHooksTests.day, services: services)
        return String(decoding: Card.response(CardDeck(outcomes: outcomes, record: record, library: engine.library).orderCards(services), patientId: record.patientId, ids: .numbered), as: UTF8.self)
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

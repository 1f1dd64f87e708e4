import Foundation
import Testing
@testable import Eligibility

/// A criterion that fails or is not known is said as the patient's situation against the
/// rule: the fact by its label, the value by its choice label, what the rule asks.
@Suite("Reasons that say what is true of the patient")
struct SituationWordingTests {
    static let body = """
    services:
      dk.x:
        title: X service
        because: b
        source: law
        criteria:
          all:
            - {fact: level, equals: high, because: "The level is high."}
            - {fact: flag.a, equals: true, fails: "Flag a is not set ({value})", because: "Flag a is set."}
            - {fact: flag.b, equals: true, fails: "Flag b is off", because: "Flag b is on."}

    """

    func reasons(_ patient: String) throws -> [Reason] {
        let engine = try Fixture.engine(Self.body)
        return try #require(try Fixture.outcome(engine, "jurisdiction: DK\n" + patient, "dk.x")).reasons
    }

    @Test("Generated from the label, the value seen and what the rule asks; the rule's why kept beside")
    func generated() throws {
        let r = try reasons("level: low\nflag: {a: true, b: true}\n")
        #expect(r.map(\.text) == ["Level: low; needed: high"])
        #expect(r.first?.because == "The level is high.")
        #expect(r.first?.condition == "level is high")
        #expect(r.first?.seen == "level = low")
    }

    @Test("A rule's own failure wording, with {value} filled in or the value after it")
    func fromTheRule() throws {
        let r = try reasons("level: high\nflag: {a: false, b: false}\n")
        #expect(r.map(\.text) == ["Flag a is not set (no)", "Flag b is off (flag.b: no)"])
    }

    @Test("Not known: the label, 'not known', and what the rule asks")
    func unknown() throws {
        let engine = try Fixture.engine(Self.body)
        let outcome = try #require(try Fixture.outcome(engine, "jurisdiction: DK\nflag: {a: true, b: true}\n", "dk.x"))
        #expect(outcome.status == .needs_info)
        #expect(outcome.reasons.map(\.text) == ["Level: not known; needed: high"])
    }

    @Test("The text output never shows a failed rule's why as if it were a fact about the patient")
    func bundledExamples() throws {
        let engine = try Fixture.bundledEngine()
        for (file, patient) in try Fixture.examplePatients(engine) {
            let report = try engine.report(for: patient)
            for s in report.services where s.status == .ineligible {
                guard let reason = s.reasons.first, !s.afterAcuteAssessment else { continue }
                if let because = reason.because { #expect(reason.text != because, "\(file): \(s.id)") }
            }
        }
    }
}

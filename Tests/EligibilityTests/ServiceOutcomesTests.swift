import Foundation
import Testing
@testable import Eligibility

/// `Engine.outcomes(for:)`, what CDS Hooks cards are made from, is the report's services
/// and questions, whole, for every example patient and for a few services alone.
@Suite("Service outcomes")
struct ServiceOutcomesTests {
    let engine: Engine
    init() throws {
        engine = try Fixture.bundledEngine()
    }

    static func json(_ services: [ServiceOutcome], _ questions: [Question]) -> String {
        var w = JSONWriter()
        w.object { w in
            w.key("services"); w.array { w in for s in services { JSONReport.service(s, &w) } }
            w.key("questions"); w.array { w in for q in questions { JSONReport.question(q, &w) } }
        }
        return w.text
    }

    @Test("the same services and questions as the report, for every example patient")
    func sameAsReport() throws {
        let examples = try Fixture.examplePatients(engine)
        #expect(examples.count >= 15)
        for (file, stated) in examples {
            var acute = stated
            acute.facts["risk.acute"] = .bool(true)
            for patient in [stated, acute] { try expectSame(patient, file) }
        }
    }

    /// The alert's note on planned referrals shows in both, the same.
    @Test("acute risk notes the planned referrals in both alike")
    func acuteNote() throws {
        let text = try String(contentsOf: Fixture.packageRoot.appendingPathComponent("examples/dk-gp-mild-depression.yaml"), encoding: .utf8)
        var patient = try engine.decoder.decode(SourceText(name: "dk", text: text))
        patient.facts["risk.acute"] = .bool(true)
        let outcomes = try engine.outcomes(for: patient, asOf: Fixture.day)
        let noted = outcomes.services.filter { $0.summary.contains(" — Acute risk: the acute route applies") }
        #expect(!noted.isEmpty)
        #expect(noted.allSatisfy { $0.reasons.first?.text.hasPrefix("Acute risk") == true })
    }

    func expectSame(_ patient: Patient, _ file: String) throws {
        let report = try engine.report(for: patient, asOf: Fixture.day)
        let outcomes = try engine.outcomes(for: patient, asOf: Fixture.day)
        #expect(outcomes.rulesVersion == report.rulesVersion)
        #expect(!outcomes.services.isEmpty, "\(file)")
        #expect(Self.json(outcomes.services, outcomes.questions) == Self.json(report.services, report.questions), "\(file)")
        // Limited to some services, as an order-select call is.
        let some = report.services.prefix(2).map(\.id)
        let limited = try engine.outcomes(for: patient, asOf: Fixture.day, services: some)
        let limitedReport = try engine.report(for: patient, asOf: Fixture.day, services: some)
        #expect(limited.services.map(\.id) == some, "\(file)")
        #expect(Self.json(limited.services, limited.questions) == Self.json(limitedReport.services, limitedReport.questions), "\(file)")
    }

    @Test("an unknown service id is refused as by the report")
    func unknownService() throws {
        let patient = try Fixture.patient(engine, "id: p-1\njurisdiction: DK\n")
        let outcomes = #expect(throws: LoadFailure.self) { try engine.outcomes(for: patient, services: ["psychiatry-dk-typo"]) }
        let report = #expect(throws: LoadFailure.self) { try engine.report(for: patient, services: ["psychiatry-dk-typo"]) }
        #expect(outcomes?.diagnostics.map(\.message) == report?.diagnostics.map(\.message))
        #expect(outcomes?.diagnostics.first?.message.contains("'psychiatry-dk-typo'") == true)
    }
}

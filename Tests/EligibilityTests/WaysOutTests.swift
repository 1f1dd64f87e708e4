import Foundation
import Testing
@testable import Eligibility

@Suite("Ways out of a deadlock")
struct WaysOutTests {
    static let inside = """
    actions:
      dk.step:
        who: municipality
        does: Set the flag
        because: b
        source: law
        requires: [{service: dk.a, because: the step follows a, source: law}]
        effects: [{fact: flag.a, becomes: true}]
    services:
      dk.a:
        title: A
        because: b
        source: law
        requires: [{service: dk.b, because: a waits for b, source: law}]
      dk.b:
        title: B
        because: b
        source: law
        criteria: {any: [{fact: flag.a, equals: true}, {fact: flag.c, equals: true}], because: b needs a flag, source: law}

    """

    @Test("A change that only a step inside the same cycle could make is not a way out")
    func insideCycle() throws {
        let engine = try Fixture.engine(Self.inside)
        let a = try #require(try Fixture.outcome(engine, "jurisdiction: DK\nflag: {a: false, c: false}\n", "dk.a"))
        #expect(a.status == .deadlocked)
        #expect(Set(a.cycle) == ["dk.a", "dk.b", "dk.step"])
        #expect(a.waysOut.map(\.id) == ["flag.c"])
        #expect(a.waysOut.map(\.description) == ["if flag.c were true"])
    }

    @Test("The Swedish trap offers the seed remedies with their uncertainty beside resigning, whose cost stays")
    func swedishRemedies() throws {
        let engine = try Fixture.bundledEngine()
        let patient = try engine.decoder.decode(SourceText(name: "p.yaml", text: """
            id: p-remedies
            jurisdiction: SE
            age: 45
            gp: {listed: true}
            diagnosis: {icd10: F32.1, severity: moderate}
            employment: {status: sick_leave, steady_job: true, sick_leave_start: 2026-05-07}
            income: {annual: 320000}
            social: {support_need: temporary}
            sip: {consent: true}
            network: {case_manager: true}

            """))
        let report = try engine.report(for: patient, asOf: Fixture.day)
        let job = try #require(report.services.first { $0.id == "se.employment.job_support" })
        #expect(job.status == .deadlocked)
        let actions = job.waysOut.filter { $0.kind == .action }
        #expect(actions.map(\.id) == ["se.sip.meeting_with_both_agencies", "se.case_manager.coordinate_agencies", "se.patient.resign"])
        let resign = try #require(actions.last)
        #expect(resign.cost == "Loses the job and the employer's duty to help with rehabilitation; the income-based sickness benefit can stop (job seekers are compared with the whole labour market from day 1) and the SGI is kept only by registering at once as a job seeker.")
        #expect(resign.uncertainty == nil)
        #expect(actions[0].cost == nil)
        #expect(actions[0].uncertainty == "Not a right: the study also found that people with the mandate to decide are often absent and agreements made at these meetings are not always followed.")
        #expect(actions[1].sentence == "case manager: As the patient's case manager, take the case to Social Insurance and the Employment Agency together and get them to agree who helps the patient on — uncertain: Not a right: it depends on the case manager's experience and network and on both agencies agreeing; the study reports it as the most important integrator, not as a guarantee.")
    }

    @Test("Each edge of the Swedish deadlock carries its seed quote, in JSON and text")
    func deadlockEvidence() throws {
        let engine = try Fixture.bundledEngine()
        let patient = try engine.decoder.decode(SourceText(name: "p.yaml", text: "id: p-trap\njurisdiction: SE\nage: 45\nemployment: {status: sick_leave, steady_job: true}\n"))
        let report = try engine.report(for: patient, asOf: Fixture.day)
        let deadlock = try #require(report.deadlocks.first)
        #expect(Set(deadlock.cycle) == ["se.employment.job_support", "se.social_insurance.referral_to_employment"])
        #expect(deadlock.edges.count == 2)
        for edge in deadlock.edges {
            #expect(edge.evidence.contains { $0.kind == .quote && $0.source == "seed-004" }, "\(edge.rule)")
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONReport.render(report).utf8)) as? [String: Any])
        let edges = ((json["deadlocks"] as? [[String: Any]])?.first?["edges"] as? [[String: Any]]) ?? []
        let kinds = edges.map { (($0["evidence"] as? [[String: Any]]) ?? []).compactMap { $0["kind"] as? String } }
        #expect(kinds.count == 2 && kinds.allSatisfy { $0.first == "quote" })
        let text = TextReport.render(report)
        #expect(text.contains("      quote (seed-004): \"Social Insurance Agency will not refer him because he has a steady job,\n        even though he is on sick-leave from it\"\n"))
    }
}

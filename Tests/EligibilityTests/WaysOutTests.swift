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
        // flag.c is declared changeable by the patient; flag.a is not, and only the step
        // inside the cycle sets it.
        #expect(a.waysOut.map(\.id) == ["flag.c"])
        #expect(a.waysOut.map(\.description) == ["Flag c: yes"])
        #expect(a.waysOut.map(\.sentence) == ["Patient: Flag c: yes — cost to the patient: not known"])
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
        #expect(resign.cost?.hasPrefix("Loses the job and the employer's duty to help with rehabilitation;") == true)
        #expect(resign.cost?.contains("suspension (avstängning) from the unemployment fund for up to 45 benefit days") == true)
        #expect(resign.uncertainty == nil)
        #expect(actions[0].cost == WayOut.unknownCost)
        #expect(actions[0].uncertainty == "Not a right: the study also found that people with the mandate to decide are often absent and agreements made at these meetings are not always followed.")
        #expect(actions[1].sentence == "Case manager: As the patient's case manager, take the case to Social Insurance and the Employment Agency together and get them to agree who helps the patient on — cost to the patient: not known — uncertain: Not a right: it depends on the case manager's experience and network and on both agencies agreeing; the study reports it as the most important integrator, not as a guarantee.")
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

@Suite("Ways out a person can take")
struct PersonWaysOutTests {
    @Test("Across the examples no way out asks to change a clinical judgement, an age, a date or another agency's decision, and each states its cost")
    func onlyActionsAndChangeableFacts() throws {
        let engine = try Fixture.bundledEngine()
        let catalog = engine.library.catalog
        var offered = 0
        for (file, patient) in try Fixture.examplePatients(engine) {
            let report = try engine.report(for: patient)
            for way in report.services.flatMap(\.waysOut) + report.deadlocks.flatMap(\.waysOut) {
                offered += 1
                #expect(way.cost != nil, "\(file): \(way.id)")
                #expect(!way.sentence.contains(" were "), "\(file): \(way.sentence)")
                guard way.kind == .fact_change else { continue }
                let fact = try #require(catalog[way.id], "\(file): \(way.id)")
                #expect(!fact.changeableBy.isEmpty, "\(file): \(way.id) is not declared changeable")
                #expect(fact.nature == .circumstance, "\(file): \(way.id)")
                #expect(!["risk.acute", "diagnosis.severity", "diagnosis.icd10", "age", "employment.status", "social_insurance.benefit_refused"].contains(way.id), "\(file): \(way.id)")
            }
        }
        #expect(offered > 0)
    }

    @Test("lint refuses 'changeable_by' on a clinical fact, a date or another agency's decision, at its line")
    func lintRefusesClinicalChanges() throws {
        let body = """
        facts:
          x.severity: {type: enum, values: [mild, severe], nature: clinical, changeable_by: [patient], question: "How severe?"}
          x.since: {type: date, changeable_by: [patient], question: "Since when?"}
          x.decided: {type: bool, nature: decision, changeable_by: [gp], question: "Decided?"}
        services:
          dk.x:
            title: X
            because: b
            source: law
            criteria: {all: [{fact: x.severity, equals: severe}, {fact: x.since, known: true}, {fact: x.decided, equals: true}]}
        """
        do {
            _ = try Fixture.engine(body)
            Issue.record("rules with a changeable clinical fact were accepted")
        } catch let failure as LoadFailure {
            let messages = failure.diagnostics.map { "\($0.location.map { "\($0.line):\($0.column)" } ?? ""): \($0.message)" }
            #expect(messages == [
                "7:70: fact 'x.severity' is a clinical fact and cannot be 'changeable_by' anyone: a way out never asks to change a clinical judgement, an age or date, or another agency's decision",
                "8:25: fact 'x.since' is a date and cannot be 'changeable_by' anyone: a way out never asks to change a date",
                "9:45: fact 'x.decided' is a decision fact and cannot be 'changeable_by' anyone: a way out never asks to change a clinical judgement, an age or date, or another agency's decision",
            ])
        }
    }
}

import Foundation
import Testing
@testable import Eligibility

@Suite("Gaps: a need every service fails")
struct GapTests {
    let engine: Engine

    init() throws {
        engine = try Fixture.bundledEngine()
    }

    func report(_ extra: String = "", age: Int = 40) throws -> Report {
        let text = """
            id: p-gap
            jurisdiction: DK
            age: \(age)
            gp: {listed: true, in_care_manager_project: false, care_manager_scheme_offered: false}
            diagnosis: {icd10: F32.1, severity: moderate}
            risk: {acute: false}
            appointments: {shared_consultation_booked: false}
            treatment: {gp_tried: false}
            social: {functioning: medium}

            """ + extra
        return try engine.report(for: try engine.decoder.decode(SourceText(name: "p.yaml", text: text)), asOf: Fixture.day)
    }

    @Test("Seed 003: cannot afford a psychologist, not ill enough for psychiatry, no care-manager scheme")
    func seed003() throws {
        let gaps = try report("finances: {can_pay_share: false}\n").gaps
        #expect(gaps.count == 1)
        let gap = try #require(gaps.first)
        #expect(gap.need == "talk_treatment")
        #expect(gap.services.map(\.id) == ["dk.care_manager.course", "dk.psychiatry.outpatient", "dk.psychologist.free_18_24", "dk.psychologist.referral"])
        #expect(gap.services.map(\.status) == [.blocked, .blocked, .ineligible, .unaffordable])
        #expect(gap.services[3].why == "Free at 18-24 with mild to moderate depression or anxiety; otherwise the patient pays 40 % of the psychologist's fee, which the patient cannot pay")
        // What fails is said as the patient's situation against the rule, services by title.
        #expect(gap.services[2].why == "Age: 40; needed: from 18 to 24")
        #expect(gap.services[1].why == "would qualify, but waits for Regional psychiatry assesses the referral (visitation), which cannot be had (not met: Diagnosis group: depression; needed: one of: psychotic, bipolar)")
        #expect(gap.explanation == "The patient needs a course of talk treatment for mild to moderate depression or anxiety, beyond the GP's own consultations, and no service of DK that meets it is open to them: Care-manager course in general practice (collaborative care) (blocked), Outpatient treatment in regional psychiatry (blocked), Free psychologist treatment for 18-24-year-olds with depression or anxiety (ineligible), GP referral to a psychologist (unaffordable).")
    }

    @Test("No gap when the patient can pay the share, when it is not known, or when the free scheme covers them")
    func noGap() throws {
        #expect(try report("finances: {can_pay_share: true}\n").gaps.isEmpty)
        #expect(try report().gaps.isEmpty)
        #expect(try report("finances: {can_pay_share: false}\n", age: 22).gaps.isEmpty)
    }

    @Test("No gap for a need the patient does not have")
    func needNotHeld() throws {
        let text = "id: p\njurisdiction: DK\nage: 40\ngp: {listed: true, in_care_manager_project: false, care_manager_scheme_offered: false}\ndiagnosis: {icd10: F20.0, severity: severe}\nfinances: {can_pay_share: false}\n"
        let r = try engine.report(for: try engine.decoder.decode(SourceText(name: "p.yaml", text: text)), asOf: Fixture.day)
        #expect(!r.gaps.contains { $0.need == "talk_treatment" })
    }

    @Test("Gaps in JSON (contract §6), text and Markdown")
    func rendering() throws {
        let r = try report("finances: {can_pay_share: false}\n")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONReport.render(r).utf8)) as? [String: Any])
        let keys = try #require(String(data: try JSONSerialization.data(withJSONObject: json["gaps"] ?? [], options: [.sortedKeys]), encoding: .utf8))
        #expect(keys.hasPrefix("[{\"explanation\":\"The patient needs a course of talk treatment"))
        let gap = try #require((json["gaps"] as? [[String: Any]])?.first)
        #expect(Set(gap.keys) == ["need", "title", "services", "explanation"])
        let services = try #require(gap["services"] as? [[String: String]])
        #expect(services[3] == ["id": "dk.psychologist.referral", "status": "unaffordable", "why": "Free at 18-24 with mild to moderate depression or anxiety; otherwise the patient pays 40 % of the psychologist's fee, which the patient cannot pay"])
        let text = TextReport.render(r)
        #expect(text.contains("\nFalling between services (1)\n  Gap: The patient needs a course of talk treatment for mild to moderate depression or anxiety,\n"))
        #expect(text.contains("    - Free psychologist treatment for 18-24-year-olds with depression or anxiety: ineligible — Age:\n      40; needed: from 18 to 24\n"))
        let markdown = MarkdownReport.render(r)
        #expect(markdown.contains("\n## Falling between services (1)\n\n**Gap:** The patient needs a course"))
        #expect(markdown.contains("- GP referral to a psychologist: unaffordable — Free at 18-24 with mild to moderate depression or anxiety; otherwise the patient pays 40 % of the psychologist's fee, which the patient cannot pay\n"))
    }

    static let agency = """
    needs:
      help: {title: Help, because: b, source: law}
      orphan: {title: Orphan, because: b, source: law}
    services:
      dk.x:
        title: X
        because: b
        source: law
        need: [help, hepl]
        patient_cost: {percent: 140, description: "pays", source: law}

    """

    @Test("Lint: unknown need, a need no service meets, a share outside 0-100 (whole messages)")
    func lint() {
        let problems = Fixture.problems { _ = try Fixture.engine(Self.agency) }
        #expect(problems == [
            "agency.yaml:15:29: error: 'percent' must be between 0 and 100; found 140\n    patient_cost: {percent: 140, description: \"pays\", source: law}\n                            ^",
        ])
        let second = Fixture.problems { _ = try Fixture.engine(Self.agency.replacingOccurrences(of: "percent: 140", with: "percent: 40")) }
        #expect(second == [
            "agency.yaml:14:18: error: service 'dk.x' meets unknown need 'hepl'; did you mean 'help'?\n    need: [help, hepl]\n                 ^",
            "agency.yaml:8:3: error: need 'orphan' is met by no service; name it in a service's 'need:'\n  orphan: {title: Orphan, because: b, source: law}\n  ^",
        ])
    }
}

@Suite("Needs are read by the evaluator")
struct NeedConditionTests {
    /// A need written with ICD-10 ranges the rules never spell out as a code: the need's
    /// condition is compiled and evaluated like a criterion, so an F32.1 patient has it.
    @Test("A need on ICD-10 ranges holds for a code inside them that no rule names")
    func icd10Need() throws {
        let engine = try Fixture.engine("""
        needs:
          talk:
            title: Talk treatment
            source: law
            when: {fact: code, icd10: [F32-F33, F40-F42]}
        services:
          dk.talk:
            title: Talk
            because: b
            source: law
            need: talk
            criteria: {fact: flag.a, equals: true, because: "needs a", source: law}

        """)
        let patient = try Fixture.patient(engine, "jurisdiction: DK\ncode: F32.1\nflag: {a: false}\n")
        let report = try engine.report(for: patient, asOf: Fixture.day)
        #expect(report.gaps.map(\.need) == ["talk"])
        let outside = try Fixture.patient(engine, "jurisdiction: DK\ncode: F20.0\nflag: {a: false}\n")
        #expect(try engine.report(for: outside, asOf: Fixture.day).gaps.isEmpty)
    }
}

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

            """ + extra
        return try engine.report(for: try engine.decoder.decode(SourceText(name: "p.yaml", text: text)), asOf: Fixture.day)
    }

    @Test("Seed 003: cannot afford a psychologist, not ill enough for psychiatry, no care-manager scheme")
    func seed003() throws {
        let gaps = try report("finances: {can_pay_share: false}\n").gaps
        #expect(gaps.count == 1)
        let gap = try #require(gaps.first)
        #expect(gap.need == "talk_treatment")
        #expect(gap.services.map(\.id) == ["dk.care_manager.course", "dk.psychiatry.outpatient", "dk.psychologist.referral", "dk.psychologist.free_18_24"])
        #expect(gap.services.map(\.status) == [.blocked, .blocked, .unaffordable, .ineligible])
        #expect(gap.services[2].why == "The patient pays 40 % of the psychologist's fee (nothing at 18-24 with depression or anxiety), which the patient cannot pay")
        #expect(gap.services[3].why == "The free scheme covers ages 18 to 24.")
        #expect(gap.services[1].why == "would qualify, but waits for dk.psychiatry.visitation, which cannot be had (not met: Psychosis and bipolar disorder belong in psychiatry, where district psychiatry takes the long courses; other illness only when it is severe or there is acute risk.)")
        #expect(gap.explanation == "The patient needs a course of talk treatment for mild to moderate depression or anxiety, beyond the GP's own consultations, and no service of DK that meets it is open to them: dk.care_manager.course (blocked), dk.psychiatry.outpatient (blocked), dk.psychologist.referral (unaffordable), dk.psychologist.free_18_24 (ineligible).")
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
        #expect(services[2] == ["id": "dk.psychologist.referral", "status": "unaffordable", "why": "The patient pays 40 % of the psychologist's fee (nothing at 18-24 with depression or anxiety), which the patient cannot pay"])
        let text = TextReport.render(r)
        #expect(text.contains("\nFalling between services (1)\n  Gap: The patient needs a course of talk treatment for mild to moderate depression or anxiety,\n"))
        #expect(text.contains("    - dk.psychologist.free_18_24: ineligible — The free scheme covers ages 18 to 24.\n"))
        let markdown = MarkdownReport.render(r)
        #expect(markdown.contains("\n## Falling between services (1)\n\n**Gap:** The patient needs a course"))
        #expect(markdown.contains("- `dk.psychologist.referral`: unaffordable — The patient pays 40 % of the psychologist's fee (nothing at 18-24 with depression or anxiety), which the patient cannot pay\n"))
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

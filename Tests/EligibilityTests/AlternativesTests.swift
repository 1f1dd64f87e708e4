import Foundation
import Testing
@testable import Eligibility

/// Issue 10: services that meet the same need and are open to the patient are one choice,
/// in the report's JSON and in the plan, instead of steps in one sequence.
@Suite("Alternatives: choose one of the services that meet the same need")
struct AlternativesTests {
    let engine: Engine

    init() throws {
        engine = try Fixture.bundledEngine()
    }

    /// Moderate depression in Denmark; the practice is offered the care-manager scheme.
    func patient(age: Int = 40, canPay: Bool? = true, diagnosis: String = "{icd10: F32.1, severity: moderate}") throws -> Patient {
        let text = """
            id: p-choice
            jurisdiction: DK
            age: \(age)
            gp: {listed: true, in_care_manager_project: false, care_manager_scheme_offered: true}
            diagnosis: \(diagnosis)
            risk: {acute: false}
            appointments: {shared_consultation_booked: false}
            finances: {can_pay_share: \(canPay.map(String.init) ?? "null")}

            """
        return try engine.decoder.decode(SourceText(name: "p.yaml", text: text))
    }

    static let talkTreatment = "A course of talk treatment for mild to moderate depression or anxiety, beyond the GP's own consultations"

    @Test("Open services meeting the same need are alternatives, in rule order; an unaffordable one is not")
    func grouping() throws {
        let open = try engine.report(for: try patient(), asOf: Fixture.day)
        #expect(open.alternatives == [Alternatives(need: "talk_treatment", title: Self.talkTreatment,
                                                   services: ["dk.care_manager.course", "dk.psychologist.referral"])])
        // 22 years old: the free scheme is open too.
        let young = try engine.report(for: try patient(age: 22), asOf: Fixture.day)
        #expect(young.alternatives.map(\.services) == [["dk.care_manager.course", "dk.psychologist.free_18_24", "dk.psychologist.referral"]])
        // Cannot pay the psychologist's 40 %: only the course is left, so nothing to choose.
        #expect(try engine.report(for: try patient(canPay: false), asOf: Fixture.day).alternatives.isEmpty)
        // Not known whether they can pay: the psychologist stays an option.
        #expect(try engine.report(for: try patient(canPay: nil), asOf: Fixture.day).alternatives.count == 1)
        // Only the services asked about are grouped.
        let one = try engine.report(for: try patient(), asOf: Fixture.day, services: ["dk.psychologist.referral"])
        #expect(one.alternatives.isEmpty)
    }

    @Test("A need the patient does not have groups nothing")
    func needNotHeld() throws {
        let severe = try engine.report(for: try patient(diagnosis: "{icd10: F20.0, severity: severe}"), asOf: Fixture.day)
        #expect(!severe.alternatives.contains { $0.need == "talk_treatment" })
    }

    @Test("JSON: `alternatives` before `plan`, in check and plan output alike")
    func json() throws {
        let report = try engine.report(for: try patient(), asOf: Fixture.day)
        for planOnly in [false, true] {
            let text = JSONReport.render(report, planOnly: planOnly)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let groups = try #require(object["alternatives"] as? [[String: Any]])
            #expect(groups.count == 1)
            #expect(groups.first?["need"] as? String == "talk_treatment")
            #expect(groups.first?["title"] as? String == Self.talkTreatment)
            #expect(groups.first?["services"] as? [String] == ["dk.care_manager.course", "dk.psychologist.referral"])
            #expect(Set(groups.first?.keys.map { $0 } ?? []) == ["need", "title", "services"])
            let alternatives = try #require(text.range(of: "\n  \"alternatives\": ["))
            let plan = try #require(text.range(of: "\n  \"plan\": ["))
            #expect(alternatives.upperBound <= plan.lowerBound)
        }
    }

    @Test("The plan shows one choice, its options lettered, and leaves them out of the goals and of what can be had now")
    func plan() throws {
        let plan = try engine.meetingPlan(for: try patient(), asOf: Fixture.day)
        #expect(plan.choices.count == 1)
        let choice = try #require(plan.choices.first)
        #expect(choice.goals.map(\.service) == ["dk.care_manager.course"])
        #expect(choice.available.map(\.service) == ["dk.psychologist.referral"])
        #expect(!plan.goals.contains { $0.service == "dk.care_manager.course" })
        #expect(!plan.available.contains { $0.service == "dk.psychologist.referral" })
        let text = plan.rendered(as: .text)
        #expect(text.contains("""
              Choose one, for a course of talk treatment for mild to moderate depression or anxiety, beyond the
                GP's own consultations:
              Any one of these is enough for this need; take the steps of the one chosen.
                A. Care-manager course in general practice (collaborative care) — Regional psychiatry + GP (DK)
                   1. GP: Join the care-manager scheme the region offers to practices, to have a care manager
            """))
        #expect(text.contains("""
                B. GP referral to a psychologist
                   Can get now: General practice / regional health insurance (DK)
            """))
        // The choice comes from the report alone too (`check --format html`, the server's plan).
        let fromReport = MeetingPlan(report: try engine.report(for: try patient(), asOf: Fixture.day))
        #expect(fromReport.choices == plan.choices)
    }
}

import Eligibility
@testable import EligibilityWorkspace
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The case page's result over the bundled rules: the acute-risk alert first, and the need
/// that falls between services with each service and why it fails.
@Suite struct ResultAlertsGapsTests {
    /// The patient of `examples/dk-cannot-afford-psychologist.yaml`, at acute risk or not.
    static func cannotAfford(acute: Bool) -> CaseFacts {
        facts(["jurisdiction": .string("DK"), "age": .integer(40), "residence.municipality": .string("Horsens"),
               "residence.region": .string("Midtjylland"), "gp.listed": .bool(true),
               "gp.in_care_manager_project": .bool(false), "gp.care_manager_scheme_offered": .bool(false),
               "diagnosis.icd10": .string("F32.1"), "diagnosis.severity": .string("moderate"),
               "diagnosis.since": .string("2026-06-01"), "risk.acute": .bool(acute),
               "psychiatry.in_treatment": .bool(false), "appointments.shared_consultation_booked": .bool(false),
               "employment.status": .string("employed"), "employment.steady_job": .bool(true),
               "finances.can_pay_share": .bool(false), "social.support_need": .string("none"), "treatment.gp_tried": .bool(false),
               "social.functioning": .string("medium")])
    }

    static func casePage(_ facts: CaseFacts) async throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let engine = try Engine(rules: [root.appendingPathComponent("rules").path])
        let service = CaseService(store: try CaseStore(path: temporaryDatabasePath()), engine: engine,
                                  logger: Logger(label: "test"))
        let router = Router()
        router.addRoutes(try Workspace(service: service).routes(context: BasicRequestContext.self))
        let created = try await service.create(label: "G-1", facts: facts, by: .test)
        return try await Application(router: router).test(.router) { client in
            let response = try await client.execute(uri: "/cases/\(created.id)", method: .get)
            #expect(response.status == .ok)
            return String(buffer: response.body)
        }
    }

    @Test func atAcuteRiskThePrintViewShowsTheAlertBeforeAnyMeeting() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let service = CaseService(store: try CaseStore(path: temporaryDatabasePath()),
                                  engine: try Engine(rules: [root.appendingPathComponent("rules").path]), logger: Logger(label: "test"))
        let router = Router()
        router.addRoutes(try Workspace(service: service).routes(context: BasicRequestContext.self))
        let created = try await service.create(label: "A-1", facts: Self.cannotAfford(acute: true), by: .test)
        var meeting = Meeting(date: Day(iso: "2999-01-10")!, participants: [.init(agency: "Region", role: "GP", name: "Dr Holm")])
        meeting.caseId = created.id
        _ = try await service.store.save(meeting, by: .test)
        try await Application(router: router).test(.router) { client in
            let page = String(buffer: try await client.execute(uri: "/cases/\(created.id)/print", method: .get).body)
            let alert = try #require(page.range(of: "<div class=\"alert\" role=\"alert\">"))
            let agenda = try #require(page.range(of: "<h2>Agenda: meeting on 2999-01-10</h2>"))
            #expect(alert.lowerBound < agenda.lowerBound)
        }
    }

    @Test func atAcuteRiskTheAlertComesFirstInTheResult() async throws {
        let page = try await Self.casePage(Self.cannotAfford(acute: true))
        let result = try #require(page.range(of: "<h2 id=\"result-heading\">"))
        let alert = try #require(page.range(of: "<div class=\"alert\" role=\"alert\"><strong>Alert:</strong> Acute risk (e.g. suicidality): act now, not through a planned referral. If life is in danger, call 112. Otherwise contact the region&#39;s acute psychiatric service (the psychiatric emergency reception, open day and night); in the Capital Region call 1813 (Akuttelefonen) outside the GP&#39;s hours, which also reaches the psychiatric emergency team.</div>"))
        let bottomLine = try #require(page.range(of: "id=\"bottom-line\""))
        #expect(result.upperBound <= alert.lowerBound)
        #expect(alert.upperBound <= bottomLine.lowerBound)
        // The acute route opens regional psychiatry: her need no longer falls between services.
        #expect(!page.contains("gaps-heading"))
        // The bottom line leads with the acute route; planned referrals wait for the acute assessment.
        #expect(page.contains("<dt>Acute</dt><dd>Acute route now: 112 if life is in danger; otherwise the region&#39;s psychiatric emergency service (Capital Region: 1813)</dd>"))
        #expect(page.contains("<strong class=\"after-acute\">after the acute assessment</strong>"))
    }

    @Test func theGapShowsTheNeedAndEachServiceWithItsStatusAndWhy() async throws {
        let page = try await Self.casePage(Self.cannotAfford(acute: false))
        #expect(!page.contains("class=\"alert\""))
        let bottomLine = try #require(page.range(of: "id=\"bottom-line\""))
        let gaps = try #require(page.range(of: "<h3 id=\"gaps-heading\">Falling between services</h3>"))
        #expect(bottomLine.upperBound <= gaps.lowerBound)
        let end = try #require(page.range(of: "</section>", range: gaps.upperBound..<page.endIndex))
        let section = String(page[gaps.upperBound..<end.lowerBound])
        #expect(section.contains("<div class=\"gap\" data-need=\"talk_treatment\"><p><strong>Gap:</strong> The patient needs a course of talk treatment for mild to moderate depression or anxiety, beyond the GP&#39;s own consultations, and no service of DK that meets it is open to them: Care-manager course in general practice (collaborative care) (blocked), Outpatient treatment in regional psychiatry (blocked), Free psychologist treatment for 18-24-year-olds with depression or anxiety (ineligible), GP referral to a psychologist (unaffordable).</p>"))
        #expect(section.contains("<li data-service=\"dk.psychologist.referral\"><strong>GP referral to a psychologist (free at 18-24 with depression or anxiety, otherwise a 60 % subsidy)</strong>: <span class=\"failure\">unaffordable</span> — Free at 18-24 with mild to moderate depression or anxiety; otherwise the patient pays 40 % of the psychologist&#39;s fee, which the patient cannot pay</li>"))
        #expect(section.contains("<span class=\"failure\">ineligible</span> — Age: 40; needed: from 18 to 24</li>"))
        #expect(section.contains("<li data-service=\"dk.care_manager.course\"><strong>Care-manager course in general practice (collaborative care)</strong>: <span class=\"failure\">blocked</span> — would qualify, but waits for GP: Join the care-manager scheme"))
        #expect(section.contains("<span class=\"failure\">blocked</span> — would qualify, but waits for Regional psychiatry assesses the referral (visitation)"))
        // Front-line pages name services by title: no id in the section's text.
        #expect(!section.contains("<code>"))
    }

    @Test func servicesMeetingTheSameNeedAreOfferedAsOneChoiceAboveThePlan() async throws {
        var facts = Self.cannotAfford(acute: false)
        facts.values["finances.can_pay_share"] = .bool(true)
        facts.values["gp.care_manager_scheme_offered"] = .bool(true)
        let page = try await Self.casePage(facts)
        let plan = try #require(page.range(of: "<h3 id=\"plan-heading\">Plan</h3>"))
        let choice = try #require(page.range(of: "<p class=\"alternatives\" data-need=\"talk_treatment\"><strong>Choose one, for a course of talk treatment for mild to moderate depression or anxiety, beyond the GP&#39;s own consultations:</strong> Care-manager course in general practice (collaborative care) or GP referral to a psychologist (free at 18-24 with depression or anxiety, otherwise a 60 % subsidy). Any one of these is enough for this need; take the steps of the one chosen.</p>"))
        let steps = try #require(page.range(of: "<ol class=\"plan\">"))
        #expect(plan.upperBound <= choice.lowerBound && choice.upperBound <= steps.lowerBound)
        #expect(!page.contains("gaps-heading"))
        // When the patient cannot pay the psychologist's share there is nothing to choose between.
        #expect(!(try await Self.casePage(Self.cannotAfford(acute: false))).contains("class=\"alternatives\""))
    }
}

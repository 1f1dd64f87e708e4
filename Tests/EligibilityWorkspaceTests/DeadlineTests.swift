import Eligibility
@testable import EligibilityWorkspace
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

/// Which deadlines apply to a case, with which dates, over the bundled rules.
@Suite struct DeadlineTests {
    static func evaluate(_ service: CaseService, _ values: [String: JSONValue], label: String = "D") async throws -> [CaseEvaluation.DueStep] {
        var caseFacts = facts(values)
        caseFacts.asOf = Day(iso: "2026-11-23")
        return try await service.create(label: label, facts: caseFacts, by: .test).evaluation?.dueSteps ?? []
    }

    static func words(_ steps: [CaseEvaluation.DueStep]) -> [String] {
        steps.map { "\($0.step). \($0.does) | \($0.due ?? "no date") | \($0.from ?? "-")" }
    }

    /// The issue: the refused-benefit SGI deadline on patients never on sick leave. The SGI
    /// is a service an employed patient with an income already has; the report's plan
    /// carries its "Receive" step with the SGI's deadline, which is no step to take.
    @Test func aServiceThePatientHasGivesNoDeadlineUnlessItCountsFromADateOfTheCase() async throws {
        let service = CaseService(store: try CaseStore(path: temporaryDatabasePath()), engine: try BundledRules.engine())
        let employed = try await Self.evaluate(service, ["jurisdiction": .string("SE"), "age": .integer(40),
                                                         "employment.status": .string("employed"), "employment.steady_job": .bool(true),
                                                         "income.annual": .integer(280_000)])
        #expect(employed.isEmpty)
        let report = try service.report(for: try await service.fetch(id: 1).facts, label: "D")
        #expect(report.plan.contains { $0.id == "se.social_insurance.sgi" && $0.deadline?.hasPrefix("After a refused sickness benefit") == true })

        // A Danish psychologist referral in use lapses a month after it was issued: a date.
        let referral = try await Self.evaluate(service, [
            "jurisdiction": .string("DK"), "age": .integer(45), "gp.listed": .bool(true), "diagnosis.icd10": .string("F32.1"),
            "diagnosis.severity": .string("moderate"), "psychologist.referral_issued": .string("2026-11-13"),
            "psychologist.has_agreement": .bool(true)])
        #expect(Self.words(referral) == [
            "1. GP referral to a psychologist | 2026-12-13 | counted from “referral issued” (2026-11-13)",
        ])
        // Danish sickness benefit: the follow-up talk within 8 weeks of the first day of absence.
        let sick = try await Self.evaluate(service, [
            "jurisdiction": .string("DK"), "age": .integer(40), "employment.status": .string("sick_leave"),
            "employment.sick_leave_start": .string("2026-10-12"), "jobcentre.takes_part": .bool(true)])
        #expect(Self.words(sick) == [
            "1. Sickness benefit with the job centre's follow-up | 2026-12-07 | counted from “sick leave began” (2026-10-12)",
        ])
    }

    @Test func aStepStillToTakeIsDatedFromThePlansDateAndEachStepComesOnce() async throws {
        let service = CaseService(store: try CaseStore(path: temporaryDatabasePath()), engine: try BundledRules.engine())
        // Without a certificate: primary care assesses within 3 days of contact.
        let certificate = try await Self.evaluate(service, [
            "jurisdiction": .string("SE"), "age": .integer(45), "diagnosis.icd10": .string("F32.1"),
            "diagnosis.severity": .string("moderate"), "employment.status": .string("sick_leave"),
            "employment.steady_job": .bool(true), "employment.sick_leave_start": .string("2026-10-24"),
            "income.annual": .integer(320_000), "health_care.medical_certificate": .bool(false)])
        #expect(Self.words(certificate).first
            == "2. Assess the patient and write a medical certificate on how the illness limits work capacity | 2026-11-26 | counted from the plan's date (2026-11-23), if the step starts then")
        #expect(!certificate.contains { $0.id == "se.social_insurance.sgi" })

        // Registering as a job seeker is on the way to job support and to financial aid: once.
        let unemployed = try await Self.evaluate(service, [
            "jurisdiction": .string("SE"), "age": .integer(30), "employment.status": .string("unemployed"),
            "income.annual": .integer(0)])
        #expect(unemployed.map(\.id) == ["se.patient.register_job_seeker", "se.municipality.financial_aid"])
        #expect(unemployed.allSatisfy { $0.due == nil })
        #expect(Set(unemployed.map(\.deadline)).count == unemployed.count)
    }

    @Test func theDeadlineOfAPeriodNamesItsStartInItsWords() throws {
        #expect(PlanDeadlines.startEvent(in: "The first follow-up talk is held within 8 weeks of the first day of absence; after 22 weeks the municipality decides") == "the first day of absence")
        #expect(PlanDeadlines.startEvent(in: "The referral lapses 1 month after it is issued unless the psychologist has received it") == "it is issued")
        #expect(PlanDeadlines.startEvent(in: "Assessment, or a plan for it, within 30 days of the referral being received") == "the referral being received")
        #expect(PlanDeadlines.startEvent(in: "Answer within 8 working days (Region Sjælland's visitation clinic)") == nil)
        let catalog = try BundledRules.engine().library.catalog
        let dates = ["psychiatry.referral_received": Day(iso: "2026-11-02")!, "psychologist.referral_issued": Day(iso: "2026-11-03")!]
        #expect(PlanDeadlines.namedStart(of: "within 30 days of the referral being received", catalog: catalog, dates: dates)?.day == Day(iso: "2026-11-02"))
        #expect(PlanDeadlines.namedStart(of: "1 month after it is issued", catalog: catalog, dates: dates)?.day == Day(iso: "2026-11-03"))
        // "the referral" alone could be either referral: no date is guessed.
        #expect(PlanDeadlines.namedStart(of: "within 10 working days of the referral", catalog: catalog, dates: dates) == nil)
        #expect(PlanDeadlines.namedStart(of: "within 3 days of contact", catalog: catalog, dates: dates) == nil)
    }

    @Test func theListShowsDatesAndSortsByTheNextDeadline() async throws {
        let (router, service) = try BundledRules.router()
        let today = Day.today
        @Sendable func iso(_ days: Int) -> String { Day(ordinal: today.ordinal + Int32(days)).description }
        // Created in this order; the list shows the most recently changed first.
        _ = try await service.create(label: "referral", facts: facts([
            "jurisdiction": .string("DK"), "age": .integer(45), "gp.listed": .bool(true), "diagnosis.icd10": .string("F32.1"),
            "diagnosis.severity": .string("moderate"), "psychologist.referral_issued": .string(iso(-10)),
            "psychologist.has_agreement": .bool(true)]), by: .test)
        _ = try await service.create(label: "employed", facts: facts([
            "jurisdiction": .string("SE"), "age": .integer(40), "employment.status": .string("employed"),
            "employment.steady_job": .bool(true), "income.annual": .integer(280_000)]), by: .test)
        _ = try await service.create(label: "unemployed", facts: facts([
            "jurisdiction": .string("SE"), "age": .integer(30), "employment.status": .string("unemployed"),
            "income.annual": .integer(0)]), by: .test)
        _ = try await service.create(label: "certificate", facts: facts([
            "jurisdiction": .string("SE"), "age": .integer(45), "diagnosis.icd10": .string("F32.1"),
            "diagnosis.severity": .string("moderate"), "employment.status": .string("sick_leave"),
            "employment.steady_job": .bool(true), "employment.sick_leave_start": .string(iso(-30)),
            "income.annual": .integer(320_000), "health_care.medical_certificate": .bool(false)]), by: .test)
        let overview = try await service.overview()
        #expect(overview.cases.map(\.label) == ["certificate", "unemployed", "employed", "referral"])
        #expect(overview.cases(in: .deadline).map(\.label) == ["certificate", "referral", "unemployed", "employed"])
        // Evaluated today: the assessment within 3 days of contact, if contact is made today.
        #expect(overview.cases[0].evaluation?.dueSteps.first?.due == iso(3))

        try await Application(router: router).test(.router) { client in
            let byDeadline = String(buffer: try await client.execute(uri: "/?sort=deadline", method: .get).body)
            let rows = byDeadline.matches(of: try Regex(#"<tr data-case="\d+"><th scope="row"><a href="/cases/\d+">([^<]*)</a>"#))
                .compactMap { $0.output[1].substring.map(String.init) }
            #expect(rows.prefix(4) == ["certificate", "referral", "unemployed", "employed"])
            #expect(byDeadline.contains(#"<th scope="col" id="col-deadline" aria-sort="ascending"><a href="/?sort=deadline" id="sort-deadline">Next deadline</a>"#))
            let referralDue = Deadline("within 1 month").date(from: Day(iso: iso(-10))!)!
            #expect(byDeadline.contains(#"<td class="next-deadline"><time datetime="\#(referralDue)">\#(referralDue)</time> <span class="readable">\#(referralDue.readable)</span></td>"#))
            #expect(byDeadline.contains(#"<td class="next-deadline"><span class="no-date">no date</span></td>"#))
            #expect(byDeadline.contains(#"<td class="next-deadline"><span class="none">none</span></td>"#))
            #expect(!byDeadline.contains("After a refused sickness benefit"))
            // Each deadline once in the list; the one register step once, not once per goal.
            #expect(byDeadline.components(separatedBy: "Register as a job seeker at the Employment Agency").count == 2)

            let byChange = String(buffer: try await client.execute(uri: "/", method: .get).body)
            #expect(byChange.contains(#"<caption>Saved cases, the most recently changed first</caption>"#))
            #expect(byChange.contains(#"<th scope="col" id="col-changed" aria-sort="descending"><a href="/" id="sort-changed">Last change</a>"#))
        }
    }

    /// A case evaluated before deadlines had dates keeps its stored evaluation until the
    /// next save or change of the rules; the list works its deadlines out again meanwhile.
    @Test func deadlinesStoredTheOldWayAreWorkedOutAgainForTheList() async throws {
        let service = CaseService(store: try CaseStore(path: temporaryDatabasePath()), engine: try BundledRules.engine())
        _ = try await Self.evaluate(service, ["jurisdiction": .string("SE"), "age": .integer(40),
                                              "employment.status": .string("employed"), "employment.steady_job": .bool(true),
                                              "income.annual": .integer(280_000)])
        var old = try #require(try await service.fetch(id: 1).evaluation)
        old.deadlines = nil
        old.dueSteps = [.init(step: 1, does: "Receive: Sickness-benefit income base (SGI) in place", who: "Social Insurance Agency (SE)",
                              deadline: "After a refused sickness benefit: go back to work or register as a job seeker at once")]
        let json = String(decoding: try JSONEncoder().encode(old), as: UTF8.self)
        #expect(!json.contains("\"deadlines\""))
        try await (service.store as! CaseStore).pool.write { db in
            try db.execute(sql: "UPDATE patient_case SET evaluation = ? WHERE id = 1", arguments: [json])
        }
        #expect(try await service.fetch(id: 1).evaluation?.dueSteps.count == 1)
        let overview = try await service.overview()
        #expect(overview.deadlines.isEmpty)
        #expect(overview.cases.first?.evaluation?.asOf == "2026-11-23")
    }

    @Test func aReadableDateNamesTheWeekday() {
        #expect(Day(iso: "2026-12-07")!.readable == "Monday 7 December 2026")
        #expect(Day(iso: "2024-02-29")!.readable == "Thursday 29 February 2024")
        #expect(Day(iso: "1970-01-01")!.readable == "Thursday 1 January 1970")
    }
}

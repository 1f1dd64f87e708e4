import Eligibility
@testable import EligibilityWorkspace
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Meetings on a case: the form, the store, the agenda or minutes at the head of the print
/// view, and agreed actions on the case list.
@Suite struct MeetingTests {
    static func body(_ fields: [(String, String)]) -> String {
        fields.map { "\($0.0)=\(OpenIDProvider.formEncode($0.1))" }.joined(separator: "&")
    }

    @Test func theFormReadsRowsAndSaysWhatIsWrongWithEach() throws {
        let good = try FormBody(Self.body([
            ("date", "2026-12-10"), ("participant_agency_0", "Försäkringskassan"), ("participant_role_0", "handläggare"),
            ("participant_name_0", "Eva"), ("participant_agency_1", ""), ("participant_role_1", ""), ("participant_name_1", ""),
            ("participant_agency_2", "Arbetsförmedlingen"), ("agreed_what_0", "Apply for activity support"),
            ("agreed_owner_0", "Arbetsförmedlingen"), ("agreed_due_0", "2027-01-15"), ("notes", "Patient present."),
        ]))
        let read = MeetingForm(good)
        #expect(read.errors.isEmpty)
        let meeting = try #require(read.meeting)
        #expect(meeting.date == Day(iso: "2026-12-10"))
        #expect(meeting.participants == [.init(agency: "Försäkringskassan", role: "handläggare", name: "Eva"),
                                         .init(agency: "Arbetsförmedlingen", role: "", name: "")])
        #expect(meeting.agreed == [.init(what: "Apply for activity support", owner: "Arbetsförmedlingen", due: Day(iso: "2027-01-15"))])
        #expect(meeting.notes == "Patient present.")

        let bad = MeetingForm(try FormBody(Self.body([
            ("date", "10/12/2026"), ("participant_role_0", "doctor"), ("agreed_what_0", "Call"), ("agreed_due_0", "soon"),
        ])))
        #expect(bad.meeting == nil)
        #expect(bad.errors == [
            "date": "expected a date YYYY-MM-DD; found \"10/12/2026\"",
            "participant_agency_0": "participant 1: give the agency or the person's name",
            "agreed_owner_0": "agreed action 1: say who does it",
            "agreed_due_0": "agreed action 1: expected a due date YYYY-MM-DD; found \"soon\"",
        ])
        #expect(MeetingForm(try FormBody("")).errors == ["date": "the meeting's date is needed (YYYY-MM-DD)"])
    }

    @Test func aMeetingIsSavedLoggedAndShownAsAgendaBeforeAndMinutesAfter() async throws {
        let (router, service) = try workspaceRouter()
        let created = try await service.create(label: "SIP-1", facts: trapFacts(income: 1), by: .test)
        let past = Day(iso: "2026-01-15")!
        var minutes = Meeting(date: past, participants: [.init(agency: "Region", role: "GP", name: "Dr <b>Lund</b>")],
                              agreed: [.init(what: "Send the medical certificate", owner: "GP", due: Day(iso: "2026-02-01"))],
                              notes: "Patient & relative present.")
        minutes.caseId = created.id
        let savedMinutes = try await service.store.save(minutes, by: .test)
        var agenda = Meeting(date: Day(iso: "2999-06-01")!, participants: [.init(agency: "Municipality", role: "case manager", name: "Ola")])
        agenda.caseId = created.id
        let savedAgenda = try await service.store.save(agenda, by: .test)
        #expect(try await service.store.meetings(ofCase: created.id).map(\.id) == [savedAgenda.id, savedMinutes.id])
        #expect(try await service.store.accessLog(AccessQuery(caseId: created.id)).map(\.action) == [.change, .change, .create])

        try await Application(router: router).test(.router) { client in
            // The case's print view is the next meeting's agenda.
            try await client.execute(uri: "/cases/\(created.id)/print", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("<h2>Agenda: meeting on 2999-06-01</h2>"))
                #expect(page.contains("<td>Municipality</td><td>case manager</td><td>Ola</td>"))
                #expect(!page.contains("Agreed</caption>"))
                // The plan's header (title, alerts, bottom line) first, then the meeting, then the plan's steps.
                let meeting = try #require(page.range(of: "<section class=\"meeting\" id=\"meeting\">"))
                let header = try #require(page.range(of: "</header>"))
                #expect(header.upperBound <= meeting.lowerBound)
                let firstSection = try #require(page.range(of: "<section", range: header.upperBound..<page.endIndex))
                #expect(meeting.lowerBound == firstSection.lowerBound)
            }
            // A held meeting's print view is its minutes, escaped.
            try await client.execute(uri: "/cases/\(created.id)/meetings/\(savedMinutes.id)/print", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("<h2>Minutes: meeting on 2026-01-15</h2>"))
                // The page's title names the meeting's day, and the day the plan was worked out.
                #expect(page.contains("<h1>Plan for patient \(created.label) — meeting on 2026-01-15 (plan as of \(Day.today))</h1>"))
                #expect(page.contains("<td>Dr &lt;b&gt;Lund&lt;/b&gt;</td>"))
                #expect(page.contains("<td>Send the medical certificate</td><td>GP</td><td>2026-02-01</td>"))
                #expect(page.contains("<p class=\"notes\">Patient &amp; relative present.</p>"))
            }
            try await client.execute(uri: "/cases/\(created.id)/meetings/999/print", method: .get) { #expect($0.status == .notFound) }
            // The case page lists both; the case list shows the agreed action by its due date, overdue.
            try await client.execute(uri: "/cases/\(created.id)", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("<a href=\"/cases/\(created.id)/meetings/\(savedMinutes.id)\">Meeting on 2026-01-15</a>: 1 taking part, 1 agreed action(s)"))
                #expect(page.contains("<a href=\"/cases/\(created.id)/meetings/\(savedAgenda.id)/print\">agenda</a>"))
            }
            try await client.execute(uri: "/", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("<tr class=\"overdue\"><td>2026-02-01 <strong>(overdue)</strong></td><th scope=\"row\"><a href=\"/cases/\(created.id)\">SIP-1</a></th><td>Send the medical certificate</td><td>GP</td></tr>"))
            }
        }
    }

    @Test func aMeetingPostedThroughThePageIsSavedAndABadOneIsShownAgain() async throws {
        let (router, service) = try workspaceRouter()
        let created = try await service.create(label: "SIP-2", facts: trapFacts(income: 1), by: .test)
        try await Application(router: router).test(.router) { client in
            let page = try await client.execute(uri: "/cases/\(created.id)/meetings/new", method: .get)
            #expect(page.status == .ok)
            let token = try #require(CasePagesTests.token(page))
            let bad = "csrf_token=\(token.field)&" + Self.body([("date", "2026-13-01"), ("agreed_what_0", "Call <the> GP")])
            try await client.execute(uri: "/cases/\(created.id)/meetings", method: .post,
                                     headers: CasePagesTests.form(cookie: token.cookie), body: ByteBuffer(string: bad)) { response in
                #expect(response.status == .unprocessableContent)
                let text = String(buffer: response.body)
                #expect(text.contains("Nothing was saved: 2 field(s) need a look."))
                #expect(text.contains("<li>agreed action 1: say who does it</li>"))
                #expect(text.contains("value=\"Call &lt;the&gt; GP\""))
            }
            #expect(try await service.store.meetings(ofCase: created.id).isEmpty)
            let good = "csrf_token=\(token.field)&" + Self.body([("date", "2026-12-10"), ("participant_agency_0", "FK"),
                                                                 ("agreed_what_0", "Call"), ("agreed_owner_0", "GP")])
            try await client.execute(uri: "/cases/\(created.id)/meetings", method: .post,
                                     headers: CasePagesTests.form(cookie: token.cookie), body: ByteBuffer(string: good)) { response in
                #expect(response.status == .seeOther)
            }
            let saved = try await service.store.meetings(ofCase: created.id)
            #expect(saved.map(\.date) == [Day(iso: "2026-12-10")!])
            #expect(saved.first?.agreed == [.init(what: "Call", owner: "GP", due: nil)])
        }
    }
}

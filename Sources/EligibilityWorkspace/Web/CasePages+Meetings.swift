import Eligibility
import EligibilityServer
import Hummingbird

extension CasePages {
    func addMeetingRoutes<Context: OriginRequestContext>(to routes: RouteCollection<Context>) {
        routes.get("/cases/{id}/meetings/new") { request, context in
            let id = try CaseAPI.caseId(context)
            return try await visit(request, context) { try await meetingPage(request, caseId: id, meetingId: nil) }
        }
        routes.post("/cases/{id}/meetings") { request, context in
            let id = try CaseAPI.caseId(context)
            return try await visit(request, context) { try await saveMeeting(request, caseId: id, meetingId: nil) }
        }
        routes.get("/cases/{id}/meetings/{meeting}") { request, context in
            let id = try CaseAPI.caseId(context)
            let meeting = try Self.meetingId(context)
            return try await visit(request, context) { try await meetingPage(request, caseId: id, meetingId: meeting) }
        }
        routes.post("/cases/{id}/meetings/{meeting}") { request, context in
            let id = try CaseAPI.caseId(context)
            let meeting = try Self.meetingId(context)
            return try await visit(request, context) { try await saveMeeting(request, caseId: id, meetingId: meeting) }
        }
        routes.get("/cases/{id}/meetings/{meeting}/print") { request, context in
            let id = try CaseAPI.caseId(context)
            let meeting = try Self.meetingId(context)
            return try await visit(request, context) { try await planDocument(id: id, format: .html, meetingId: meeting) }
        }
    }

    static func meetingId<Context: RequestContext>(_ context: Context) throws -> Int64 {
        guard let text = context.parameters.get("meeting"), let id = Int64(text), id > 0 else {
            throw HTTPError(.notFound, message: "no such meeting")
        }
        return id
    }

    /// A meeting's form: empty for a new one, filled for a saved one.
    func meetingPage(_ request: Request, caseId: Int64, meetingId: Int64?) async throws -> Response {
        let stored: StoredCase
        do {
            stored = try await desk().fetch(id: caseId)
        } catch CaseStoreError.notFound {
            return missing(caseId, request: request)
        }
        var meeting: Meeting?
        if let meetingId {
            meeting = try await desk().meetings(of: stored).first { $0.id == meetingId }
            guard meeting != nil else { return missingMeeting(meetingId, caseId: caseId, request: request) }
        }
        return meetingForm(request, stored: stored, meeting: meeting, meetingId: meetingId)
    }

    func saveMeeting(_ request: Request, caseId: Int64, meetingId: Int64?) async throws -> Response {
        let form: FormBody
        switch try await readForm(request) {
        case .success(let body): form = body
        case .failure(let refusal): return refusal.response
        }
        let stored: StoredCase
        do {
            stored = try await desk().current(id: caseId)
        } catch CaseStoreError.notFound {
            return missing(caseId, request: request)
        }
        let posted = MeetingForm(form)
        guard var meeting = posted.meeting else {
            return meetingForm(request, stored: stored, meeting: nil, meetingId: meetingId, posted: posted, status: .unprocessableContent)
        }
        meeting.caseId = caseId
        meeting.id = meetingId ?? 0
        do {
            let saved = try await desk().save(meeting)
            return .seeOther("/cases/\(caseId)?meeting=\(saved.id)")
        } catch CaseStoreError.notFound {
            return missingMeeting(meetingId ?? 0, caseId: caseId, request: request)
        }
    }

    private func meetingForm(_ request: Request, stored: StoredCase, meeting: Meeting?, meetingId: Int64?,
                             posted: MeetingForm? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let typed = posted?.typed ?? [:]
        let participants: [(String, String, String)]
        let agreed: [(String, String, String)]
        if posted != nil {
            participants = Self.typedRows(typed, ["participant_agency_", "participant_role_", "participant_name_"])
            agreed = Self.typedRows(typed, ["agreed_what_", "agreed_owner_", "agreed_due_"])
        } else {
            participants = (meeting?.participants ?? []).map { ($0.agency, $0.role, $0.name) }
            agreed = (meeting?.agreed ?? []).map { ($0.what, $0.owner, $0.due?.description ?? "") }
        }
        let errors = (posted?.errors ?? [:]).sorted { $0.key < $1.key }.map(\.value)
        let held = meeting?.isHeld(today: Day.today) ?? false
        return page(.meeting, request: request, status: status) { token in
            MeetingFormView(
                rulesVersion: service.engine.library.version, csrf: token, caseId: stored.id, caseLabel: stored.label,
                heading: meeting.map { "Meeting on \($0.date)" } ?? "Plan a meeting",
                action: "/cases/\(stored.id)/meetings" + (meetingId.map { "/\($0)" } ?? ""),
                printLink: meetingId.map { "/cases/\(stored.id)/meetings/\($0)/print" },
                printWord: held ? "Print the minutes" : "Print the agenda",
                date: typed["date"] ?? meeting?.date.description ?? "",
                notes: typed["notes"] ?? meeting?.notes ?? "",
                participants: MeetingFormView.participantRows(participants), agreed: MeetingFormView.agreedRows(agreed),
                errorCount: errors.isEmpty ? nil : errors.count, errorList: errors,
                readOnly: !(Visit.access?.member.mayChange(team: stored.team) ?? false))
        }
    }

    /// The rows as typed, in order, without the empty ones.
    private static func typedRows(_ typed: [String: String], _ prefixes: [String]) -> [(String, String, String)] {
        (0..<MeetingForm.maxRows).compactMap { row in
            let values = prefixes.map { typed["\($0)\(row)"] ?? "" }
            return values.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } ? nil : (values[0], values[1], values[2])
        }
    }

    private func missingMeeting(_ id: Int64, caseId: Int64, request: Request) -> Response {
        message("No such meeting", "Case \(caseId) has no meeting \(id).", request: request, status: .notFound,
                back: "/cases/\(caseId)", backText: "Back to the case")
    }

    /// The meeting the print view shows: the next one from today on (its agenda), else the
    /// latest held (its minutes); nil when the case has none.
    func printedMeeting(of stored: StoredCase, meetingId: Int64?) async throws -> Meeting? {
        let meetings = try await desk().meetings(of: stored)
        if let meetingId { return meetings.first { $0.id == meetingId } }
        let today = Day.today
        return meetings.filter { !$0.isHeld(today: today) }.min { $0.date < $1.date } ?? meetings.first
    }

    /// The plan page with the meeting's agenda or minutes at its head.
    /// The meeting goes under the plan's header, never above it: the header holds the
    /// alerts (acute risk), which come first on every page.
    func withMeeting(_ planPage: String, _ meeting: Meeting, caseLabel: String) -> String {
        let section = renderer.render(.meetingPrint, MeetingPrintView(meeting, caseLabel: caseLabel, today: Day.today))
        guard let header = planPage.range(of: "</header>\n") ?? planPage.range(of: "</main>") else { return planPage + section }
        let at = planPage[header].hasPrefix("</header>") ? header.upperBound : header.lowerBound
        return String(planPage[..<at]) + section + String(planPage[at...])
    }
}

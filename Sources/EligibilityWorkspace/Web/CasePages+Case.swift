import Eligibility
import Hummingbird

extension CasePages {
    /// The facts shown on a case page, saved or as posted.
    struct Draft {
        var label: String
        var facts: CaseFacts
        var typed: [String: String]?
        var errors: [String: String] = [:]
        var formVersion: Int
        var notice: String?
        var conflict: CasePageView.Conflict?
        var unsaved = false
    }

    func show(_ request: Request, id: Int64) async throws -> Response {
        let stored: StoredCase
        do {
            stored = try await desk().fetch(id: id)
        } catch CaseStoreError.notFound {
            return missing(id, request: request)
        }
        var notice: String?
        if request.uri.queryParameters.get("created") != nil { notice = "Case created." }
        if let saved = request.uri.queryParameters.get("saved") { notice = "Saved as version \(saved)." }
        if let kept = request.uri.queryParameters.get("unchanged") {
            notice = "Nothing was changed, so nothing was saved: the case is still at version \(kept)."
        }
        let draft = Draft(label: stored.label, facts: stored.facts, formVersion: stored.version, notice: notice)
        return try await casePage(stored, draft, request: request)
    }

    func save(_ request: Request, id: Int64) async throws -> Response {
        let form: FormBody
        switch try await readForm(request) {
        case .success(let body): form = body
        case .failure(let refusal): return refusal.response
        }
        let current: StoredCase
        do {
            current = try await desk().current(id: id)
        } catch CaseStoreError.notFound {
            return missing(id, request: request)
        }
        let posted = CaseForm(form, decoder: service.engine.decoder, keeping: current.facts)
        var draft = Draft(label: posted.label, facts: posted.facts, typed: posted.typed, errors: posted.errors,
                          formVersion: posted.version ?? current.version, unsaved: true)
        guard posted.errors.isEmpty, let version = posted.version else {
            return try await casePage(current, draft, request: request, status: .unprocessableContent)
        }
        do {
            let saved = try await desk().save(id: id, version: version, label: posted.label, facts: posted.facts)
            // A save that changed nothing kept the version and recorded nothing.
            return .seeOther(saved.version == version ? "/cases/\(id)?unchanged=\(version)" : "/cases/\(id)?saved=\(saved.version)")
        } catch CaseStoreError.staleVersion(_, let given, let now) {
            let latest = try await desk().fetch(id: id)
            var fields = posted.facts.changes(from: latest.facts).map(\.field)
            if posted.label != latest.label { fields.insert("label", at: 0) }
            draft.formVersion = now
            draft.conflict = CasePageView.Conflict(given: given, current: now,
                                                   fields: fields.isEmpty ? "nothing (the same values)" : fields.joined(separator: ", "))
            return try await casePage(latest, draft, request: request, status: .conflict)
        }
    }

    /// The result for the facts on the form, not saved: the fragment for the page's script,
    /// or the whole page for a browser without it.
    func preview(_ request: Request, id: Int64) async throws -> Response {
        let form: FormBody
        switch try await readForm(request) {
        case .success(let body): form = body
        case .failure(let refusal): return refusal.response
        }
        let current: StoredCase
        do {
            current = try await desk().fetch(id: id)
        } catch CaseStoreError.notFound {
            return missing(id, request: request)
        }
        let posted = CaseForm(form, decoder: service.engine.decoder, keeping: current.facts)
        let status: HTTPResponse.Status = posted.errors.isEmpty ? .ok : .unprocessableContent
        if let name = HTTPFields.Element.Name("X-Requested-With"), request.headers[name] == "fetch" {
            var panel = resultPanel(posted.facts, label: posted.label)
            panel.unsaved = true
            if !posted.errors.isEmpty {
                panel.problem = posted.errors.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "\n")
            }
            return .html(renderer.render(.result, panel), status: status)
        }
        let draft = Draft(label: posted.label, facts: posted.facts, typed: posted.typed, errors: posted.errors,
                          formVersion: posted.version ?? current.version,
                          notice: "Checked without saving: the result shows the facts on the form. Save to keep them.",
                          unsaved: true)
        return try await casePage(current, draft, request: request, status: status)
    }

    /// The print view: the plan as a meeting document, the same page as `eligcheck plan
    /// --format html` (the handout for an application or a SIP meeting).
    func printView(id: Int64) async throws -> Response {
        try await planDocument(id: id, format: .html)
    }

    /// The plan as a meeting document, to keep or paste into an application.
    /// As HTML (the print view), headed by a meeting's agenda or minutes when the case has
    /// meetings (`meetingId`, or the next one, else the latest).
    func planDocument(id: Int64, format: ReportFormat, meetingId: Int64? = nil) async throws -> Response {
        let stored = try await desk().fetch(id: id, for: .export)
        let meeting = format == .html ? try await printedMeeting(of: stored, meetingId: meetingId) : nil
        if meetingId != nil && meeting == nil { throw HTTPError(.notFound, message: "no such meeting") }
        do throws(LoadFailure) {
            var plan = try service.meetingPlan(for: stored.facts, label: stored.label)
            plan.urgent = PrintView.onceEach(plan.urgent)
            plan.meetingOn = meeting?.date
            var text = plan.rendered(as: format)
            if let meeting { text = withMeeting(text, meeting, caseLabel: stored.label) }
            guard format == .html else {
                var response = Response.text(text, type: "text/markdown; charset=utf-8")
                response.headers[.contentDisposition] = "attachment; filename=\"case-\(id)-plan.md\""
                return response
            }
            text = PrintView.withDiagrams(text, plan: plan, library: service.engine.library, renderer: renderer)
            var response = Response.html(text)
            // The page carries its own stylesheet (it is also a file on its own) and no script.
            response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
            return response
        } catch {
            return .text(error.diagnostics.map(\.message).joined(separator: "\n") + "\n", type: "text/plain; charset=utf-8",
                         status: .unprocessableContent)
        }
    }

    func resultPanel(_ facts: CaseFacts, label: String) -> ResultPanel {
        do {
            let report = try service.report(for: facts, label: label.isEmpty ? "case" : label)
            let library = service.engine.library
            return ResultPanel(report: ResultView(report, catalog: library.catalog, library: library), problem: nil, unsaved: false)
        } catch {
            return ResultPanel(report: nil, problem: error.diagnostics.map(\.message).joined(separator: "\n"), unsaved: false)
        }
    }

    func casePage(_ stored: StoredCase, _ draft: Draft, request: Request,
                  status: HTTPResponse.Status = .ok) async throws -> Response {
        let history = try await service.history(id: stored.id)
        let today = Day.today
        let meetings = try await desk().meetings(of: stored).map {
            CasePageView.MeetingItem(caseId: stored.id, meetingId: $0.id, date: $0.date.description, kind: $0.isHeld(today: today) ? "minutes" : "agenda",
                                     participants: $0.participants.count, agreed: $0.agreed.count)
        }
        let panel = resultPanel(draft.facts, label: draft.label)
        // As typed; a fact the form did not carry, as kept.
        var values = draft.typed ?? [:]
        for (name, value) in draft.facts.values where values[name] == nil { values[name] = value.plain }
        let form = FactForm(engine: service.engine).layout(values: values, errors: draft.errors,
                                                           open: panel.report?.questions.map(\.fact) ?? [])
        let problems = draft.errors.sorted { $0.key < $1.key }.map { name, message in
            CasePageView.FieldProblem(anchor: ["label", "as_of"].contains(name) ? name : FactForm.anchor(name),
                                      message: "\(name): \(message)")
        }
        return page(.casePage, request: request, status: status) { token in
            CasePageView(
                rulesVersion: service.engine.library.version, csrf: token, id: stored.id, label: draft.label,
                team: stored.team.isEmpty ? nil : stored.team, readOnly: !(Visit.access?.member.mayChange(team: stored.team) ?? false),
                version: stored.version, formVersion: draft.formVersion, updatedAt: stored.updatedAt.readableTime,
                asOf: draft.typed?["as_of"] ?? draft.facts.asOf?.description ?? "", notice: draft.notice,
                conflict: draft.conflict, errorCount: problems.isEmpty ? nil : problems.count, errorList: problems,
                form: form,
                meetings: meetings, hasMeetings: !meetings.isEmpty,
                history: history.reversed().map { .init(at: $0.at.readableTime, version: $0.version, field: $0.field, old: $0.old, new: $0.new, by: $0.by) },
                historyCount: history.count, report: panel.report, problem: panel.problem, unsaved: draft.unsaved)
        }
    }
}

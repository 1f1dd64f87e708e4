import Eligibility
import EligibilityServer
import Hummingbird

/// The workspace's pages: the case list, a new case (or an imported one), the case page
/// with its result, the print view; server-rendered, working without the script.
struct CasePages: Sendable {
    let service: CaseService
    let renderer: PageRenderer
    let gate: Gate
    let csrf: CSRFGuard

    func add<Context: OriginRequestContext>(to routes: RouteCollection<Context>) {
        routes.get("/") { request, context in try await visit(request, context) { try await list(request) } }
        routes.get("/cases/new") { request, context in try await visit(request, context) { newCase(request) } }
        routes.post("/cases") { request, context in try await visit(request, context) { try await create(request) } }
        routes.get("/cases/{id}") { request, context in
            let id = try CaseAPI.caseId(context)
            return try await visit(request, context) { try await show(request, id: id) }
        }
        routes.post("/cases/{id}") { request, context in
            let id = try CaseAPI.caseId(context)
            return try await visit(request, context) { try await save(request, id: id) }
        }
        routes.post("/cases/{id}/preview") { request, context in
            let id = try CaseAPI.caseId(context)
            return try await visit(request, context) { try await preview(request, id: id) }
        }
        routes.post("/cases/{id}/delete") { request, context in
            let id = try CaseAPI.caseId(context)
            return try await visit(request, context) { try await delete(request, id: id) }
        }
        routes.get("/cases/{id}/print") { request, context in
            let id = try CaseAPI.caseId(context)
            return try await visit(request, context) { try await printView(id: id) }
        }
        routes.get("/cases/{id}/plan.md") { request, context in
            let id = try CaseAPI.caseId(context)
            return try await visit(request, context) { try await planDocument(id: id, format: .markdown) }
        }
        addMeetingRoutes(to: routes)
        addMemberRoutes(to: routes)
        routes.get("/admin/access-log") { request, context in try await visit(request, context) { try await accessLog(request) } }
        routes.get("/signin") { request, context in try await signIn(request, origin: context.origin) }
        routes.get("/signin/callback") { request, context in try await signInCallback(request, origin: context.origin) }
        routes.post("/signout") { request, context in try await signOut(request, origin: context.origin) }
        routes.get("/assets/workspace.css") { _, _ in Response.text(Stylesheet.css, type: "text/css; charset=utf-8") }
        routes.get("/assets/workspace.js") { _, _ in Response.text(LiveScript.js, type: "text/javascript; charset=utf-8") }
    }

    /// Answers a request as its member: without a session (sign-in on), the browser is
    /// sent to sign in and brought back here; a read or change the member may not make is
    /// a 403 page saying why.
    func visit<Context: OriginRequestContext>(_ request: Request, _ context: Context,
                                              _ answer: () async throws -> Response) async throws -> Response {
        guard let access = try await gate.access(request, origin: context.origin) else {
            let back = request.method == .get ? request.uri.path + (request.uri.query.map { "?" + $0 } ?? "") : "/"
            return .seeOther("/signin?return=" + OpenIDProvider.formEncode(back))
        }
        return try await Visit.$access.withValue(access) {
            do {
                return try await answer()
            } catch let refusal as AccessRefusal {
                return message("Not allowed", "\(refusal). Nothing was shown or changed.", request: request, status: .forbidden)
            }
        }
    }

    /// The cases as the current member sees them.
    func desk() throws -> CaseDesk { try Visit.desk(service) }

    func list(_ request: Request) async throws -> Response {
        let overview = try await desk().overview()
        let changed = overview.changedUnderCurrentRules.map { stored in
            CaseListView.Changed(id: stored.id, label: stored.label, entries: (stored.statusChange?.entries ?? []).map {
                CaseListView.Entry(title: $0.title, from: $0.from?.rawValue ?? "none", to: $0.to.rawValue)
            })
        }
        let count = changed.count
        let today = Day.today
        let order = request.uri.queryParameters.get("sort").flatMap(CaseOverview.Order.init(rawValue:)) ?? .changed
        let rows = overview.cases(in: order).map { stored in
            CaseListView.Row(id: stored.id, label: stored.label, summary: Self.summary(stored.evaluation),
                             version: stored.version, updatedAt: stored.updatedAt.readableTime,
                             next: CaseListView.DateView(CaseOverview.nextDeadline(of: stored), today: today),
                             undated: !(stored.evaluation?.dueSteps ?? []).isEmpty)
        }
        let due = overview.deadlines.map {
            CaseListView.Due(caseId: $0.caseId, label: $0.label, step: $0.step.step > 0 ? $0.step.step : nil, does: $0.step.does,
                             who: $0.step.who, deadline: $0.step.deadline, date: CaseListView.DateView($0.step.due, today: today),
                             from: $0.step.from)
        }
        let labels = Dictionary(overview.cases.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        let agreed = try await service.store.agreedActionsDue(inCases: overview.cases.map(\.id)).map { due in
            CaseListView.Agreed(caseId: due.caseId, label: labels[due.caseId] ?? "", what: due.action.what, owner: due.action.owner,
                                due: due.action.due?.description ?? "", overdue: (due.action.due ?? today) < today)
        }
        let view = CaseListView(
            rulesVersion: overview.rulesVersion,
            changedNotice: count == 0 ? nil : "\(count) case\(count == 1 ? "" : "s") changed status under rules \(overview.rulesVersion)",
            changed: changed, cases: rows, hasCases: !rows.isEmpty, byDeadline: order == .deadline,
            deadlines: due, hasDeadlines: !due.isEmpty, agreed: agreed, hasAgreed: !agreed.isEmpty)
        return page(.list, request: request) { _ in view }
    }

    /// Statuses in a few words: "2 eligible, 1 deadlocked".
    static func summary(_ evaluation: CaseEvaluation?) -> String {
        guard let evaluation else { return "not evaluated" }
        if evaluation.problem != nil { return "facts no longer fit the rules" }
        return ResultView.order.compactMap { status, _, word in
            let n = evaluation.statuses.filter { $0.status == status }.count
            return n == 0 ? nil : "\(n) \(word)"
        }.joined(separator: ", ")
    }

    struct NewCaseView { var rulesVersion: String; var csrf: String; var label: String; var patient: String
        var errors: Errors?; var teams: [String] = []; var chooseTeam = false }
    struct Errors { var items: [String] }

    func newCase(_ request: Request, label: String = "", patient: String = "", errors: [String] = [],
                 status: HTTPResponse.Status = .ok) -> Response {
        page(.newCase, request: request, status: status) { token in
            NewCaseView(rulesVersion: service.engine.library.version, csrf: token, label: label,
                        patient: patient, errors: errors.isEmpty ? nil : Errors(items: errors),
                        teams: Visit.access?.member.teamsToCreateIn ?? [],
                        chooseTeam: (Visit.access?.member.teamsToCreateIn.count ?? 0) > 1)
        }
    }

    func create(_ request: Request) async throws -> Response {
        let form: FormBody
        switch try await readForm(request) {
        case .success(let body): form = body
        case .failure(let refusal): return refusal.response
        }
        var label = form["label"] ?? ""
        let text = form["patient"] ?? ""
        var problems: [String] = []
        var facts = CaseFacts()
        if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            do throws(LoadFailure) {
                let patient = try service.engine.decoder.decode(SourceText(name: "patient file", text: text))
                facts = CaseFacts(patient)
                // An imported file names its patient by a pseudonymous id: the label unless one is given.
                if label.trimmingCharacters(in: .whitespaces).isEmpty, let id = patient.id { label = id }
            } catch {
                problems += error.diagnostics.map(\.description)
            }
        }
        if let problem = CaseRequest.labelProblem(label) { problems.insert("label: \(problem)", at: 0) }
        guard problems.isEmpty else {
            return newCase(request, label: label, patient: text, errors: problems, status: .unprocessableContent)
        }
        let created = try await desk().create(label: label, facts: facts, team: form["team"].flatMap { $0.isEmpty ? nil : $0 })
        return .seeOther("/cases/\(created.id)?created=1")
    }

    func delete(_ request: Request, id: Int64) async throws -> Response {
        switch try await readForm(request) {
        case .success: break
        case .failure(let refusal): return refusal.response
        }
        do {
            try await desk().delete(id: id)
        } catch CaseStoreError.notFound {
            return missing(id, request: request)
        }
        return .seeOther("/")
    }

    /// A posted form whose token matches this browser's, or the page that refuses it.
    func readForm(_ request: Request) async throws -> Result<FormBody, CaseAPI.ErrorResponse> {
        let buffer = try await request.bodyBytes(upTo: ServerLimits.maxBodyBytes)
        let form: FormBody
        do throws(FormError) {
            form = try FormBody(String(buffer: buffer))
        } catch {
            return .failure(.init(message("The form could not be read", "\(error.field): \(error.message)",
                                          request: request, status: .badRequest)))
        }
        if let refusal = csrf.check(cookie: request.cookies[CSRFGuard.cookieName]?.value, field: form[CSRFGuard.fieldName]) {
            let why = switch refusal {
            case .missing, .mismatch:
                "Its security token does not match this browser's (the page may be old, or the form came from another site)."
            case .notIssued:
                "Its security token was not issued by this server (it was made elsewhere, or the page is from before the server restarted)."
            }
            return .failure(.init(message("The form was refused", why + " Nothing was changed: reload the page and try again.",
                                          request: request, status: .forbidden)))
        }
        return .success(form)
    }

    struct MessageView { var rulesVersion: String; var heading: String; var text: String; var back: String; var backText: String }

    func message(_ heading: String, _ text: String, request: Request, status: HTTPResponse.Status,
                 back: String = "/", backText: String = "Back to the cases") -> Response {
        page(.message, request: request, status: status) { _ in
            MessageView(rulesVersion: service.engine.library.version, heading: heading, text: text,
                        back: back, backText: backText)
        }
    }

    func missing(_ id: Int64, request: Request) -> Response {
        message("No such case", "There is no case \(id); it may have been deleted.", request: request, status: .notFound)
    }

    /// A rendered page, with the browser's CSRF cookie set when it has none yet.
    /// - Parameter view: the page's view, given the token its forms carry.
    func page(_ page: PageRenderer.Page, request: Request, status: HTTPResponse.Status = .ok,
              _ view: (_ csrf: String) -> Any) -> Response {
        let token = csrf.token(for: request)
        let who = WhoView(Visit.access?.member, csrf: token.token, signInRequired: gate.requiresSignIn)
        var response = Response.html(renderer.render(page, PageContext(view: view(token.token), who: who)), status: status)
        if let origin = gate.providerOrigin {
            // Sign-out is a form post whose answer sends the browser on to the provider.
            response.headers[.contentSecurityPolicy] = "default-src 'self'; form-action 'self' \(origin); frame-ancestors 'none'; base-uri 'none'"
        }
        if token.isNew { response.setCookie(csrf.cookie(for: token.token)) }
        return response
    }
}

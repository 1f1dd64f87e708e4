import Eligibility
import EligibilityServer
import Hummingbird

/// `/v1/cases`: the cases as JSON, for the page's script, for scripts and for tests.
struct CaseAPI: Sendable {
    let service: CaseService
    let gate: Gate

    func add<Context: OriginRequestContext>(to routes: RouteCollection<Context>) {
        routes.get("/v1/cases") { request, context in try await visit(request, context) { try await list() } }
        routes.post("/v1/cases") { request, context in try await visit(request, context) { try await create(request) } }
        routes.get("/v1/cases/{id}") { request, context in
            let id = try Self.caseId(context)
            return try await visit(request, context) { try await read(id) }
        }
        routes.put("/v1/cases/{id}") { request, context in
            let id = try Self.caseId(context)
            return try await visit(request, context) { try await update(id, request) }
        }
        routes.delete("/v1/cases/{id}") { request, context in
            let id = try Self.caseId(context)
            return try await visit(request, context) { try await delete(id) }
        }
        routes.get("/v1/cases/{id}/report") { request, context in
            let id = try Self.caseId(context)
            return try await visit(request, context) { try await report(id) }
        }
        routes.get("/v1/cases/{id}/patient") { request, context in
            let id = try Self.caseId(context)
            return try await visit(request, context) { try await patientFile(id) }
        }
    }

    /// Answers as the request's member: 401 without a session when sign-in is on, 403
    /// when the member's teams and roles do not allow the read or change.
    func visit<Context: OriginRequestContext>(_ request: Request, _ context: Context,
                                              _ answer: () async throws -> Response) async throws -> Response {
        guard let access = try await gate.access(request, origin: context.origin) else {
            return APIError(.unauthorized, "sign in first: the case API acts as a signed-in member (the workspace's session cookie, or `Authorization: Bearer` with an API token made on /account/tokens; this one is unknown, expired or revoked when given)",
                            at: "Authorization").response
        }
        return try await Visit.$access.withValue(access) {
            do {
                return try await answer()
            } catch let refusal as AccessRefusal {
                return APIError(.forbidden, refusal.description).response
            }
        }
    }

    func desk() throws -> CaseDesk { try Visit.desk(service) }

    func list() async throws -> Response {
        let overview = try await desk().overview()
        let cases = overview.cases.map { stored -> JSONValue in
            .object([("id", .integer(Int(stored.id))), ("label", .string(stored.label)),
                     ("version", .integer(stored.version)), ("updated_at", .string(stored.updatedAt)),
                     ("evaluation", stored.evaluation?.json ?? .null),
                     ("status_change", stored.statusChange?.json ?? .null)])
        }
        return .json(.object([
            ("rules_version", .string(overview.rulesVersion)),
            ("changed_under_current_rules", .integer(overview.changedUnderCurrentRules.count)),
            ("cases", .array(cases)),
            ("deadlines", .array(overview.deadlines.map { due in
                .object([("case", .integer(Int(due.caseId))), ("label", .string(due.label))] + (due.step.json.pairs))
            })),
        ]))
    }

    func create(_ request: Request) async throws -> Response {
        let body: CaseRequest
        switch try await Self.read(request, decoder: service.engine.decoder) {
        case .success(let parsed): body = parsed
        case .failure(let error): return error.response
        }
        guard let label = body.label else {
            return APIError(.unprocessableContent, "the body needs a \"label\": a pseudonym for the case", at: "label").response
        }
        let created = try await desk().create(label: label, facts: body.facts ?? CaseFacts(), team: body.team)
        var response = Response.json(.object([("id", .integer(Int(created.id))), ("version", .integer(created.version))]),
                                     status: .created)
        response.headers[.location] = "/v1/cases/\(created.id)"
        return response
    }

    func read(_ id: Int64) async throws -> Response {
        try await Self.answer {
            let (stored, history) = try await desk().fetchWithHistory(id: id)
            return .json(stored.json(history: history))
        }
    }

    func update(_ id: Int64, _ request: Request) async throws -> Response {
        let body: CaseRequest
        switch try await Self.read(request, decoder: service.engine.decoder) {
        case .success(let parsed): body = parsed
        case .failure(let error): return error.response
        }
        guard body.team == nil else {
            return APIError(.unprocessableContent, "a case's team is chosen when it is created and cannot be changed", at: "team").response
        }
        guard let version = body.version else {
            return APIError(.unprocessableContent, "the body needs the \"version\" the change starts from (the case's version when it was read)",
                            at: "version").response
        }
        return try await Self.answer {
            let current = try await desk().current(id: id)
            let saved = try await desk().save(id: id, version: version, label: body.label ?? current.label,
                                               facts: body.facts ?? current.facts)
            return .json(.object([("id", .integer(Int(saved.id))), ("version", .integer(saved.version))]))
        }
    }

    func delete(_ id: Int64) async throws -> Response {
        try await Self.answer {
            try await desk().delete(id: id)
            return Response(status: .noContent)
        }
    }

    /// The full report, the same JSON as `eligcheck check --format json`.
    func report(_ id: Int64) async throws -> Response {
        try await Self.answer {
            let stored = try await desk().fetch(id: id)
            do throws(LoadFailure) {
                let report = try service.report(for: stored.facts, label: stored.label)
                return .text(report.rendered(as: .json), type: "application/json; charset=utf-8")
            } catch {
                return APIError(.unprocessableContent, problems: error.diagnostics.map {
                    APIError.Problem(at: "facts", message: "the case's facts no longer fit the rules: \($0.message)")
                }).response
            }
        }
    }

    /// The case as a patient file of the contract (§1), its label as the id.
    func patientFile(_ id: Int64) async throws -> Response {
        try await Self.answer {
            let stored = try await desk().fetch(id: id, for: .export)
            var response = Response.json(stored.facts.profile(id: stored.label))
            response.headers[.contentDisposition] = "attachment; filename=\"case-\(id).json\""
            return response
        }
    }

    /// Store errors as JSON: 404 for a missing case, 409 for a stale save.
    static func answer(_ work: () async throws -> Response) async throws -> Response {
        do {
            return try await work()
        } catch let error as CaseStoreError {
            switch error {
            case .notFound: return APIError(.notFound, error.description).response
            case .staleVersion(_, _, let current):
                var response = APIError(.conflict, error.description, at: "version").response
                response.headers[.eTag] = "\"\(current)\""
                return response
            case .unusable, .inUse: throw error
            }
        }
    }

    static func caseId<Context: RequestContext>(_ context: Context) throws -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else {
            throw HTTPError(.notFound, message: "no such case")
        }
        return id
    }

    /// The JSON body, or the error response that says what is wrong with it: 415 not JSON,
    /// 413 too large, 400 not JSON at all, 422 JSON that is not a case.
    static func read(_ request: Request, decoder: PatientDecoder) async throws -> Result<CaseRequest, ErrorResponse> {
        guard request.headers.mediaType == "application/json" else {
            return .failure(ErrorResponse(APIError.notJSON(request.headers).response))
        }
        let buffer: ByteBuffer
        do throws(APIError) {
            buffer = try await request.bodyBytes(upTo: ServerLimits.maxBodyBytes)
        } catch {
            return .failure(ErrorResponse(error.response))
        }
        let source = SourceText(name: "body", text: String(buffer: buffer))
        let root: YAMLNode
        do throws(Diagnostic) {
            root = try JSONDocument.parse(source, limits: .patient)
        } catch {
            // JSON beyond a patient's limits (too many keys, too deep) is 422; JSON that
            // does not parse is 400.
            return .failure(ErrorResponse(APIError(error.isBeyondLimits ? .unprocessableContent : .badRequest, LoadFailure([error])).response))
        }
        do throws(LoadFailure) {
            return .success(try CaseRequest(root, in: source, decoder: decoder))
        } catch {
            return .failure(ErrorResponse(APIError(.unprocessableContent, error).response))
        }
    }

    /// An error answer carried through a `Result`.
    struct ErrorResponse: Error {
        var response: Response
        init(_ response: Response) { self.response = response }
    }
}

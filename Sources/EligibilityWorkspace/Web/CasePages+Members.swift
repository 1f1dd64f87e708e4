import EligibilityServer
import Foundation
import Hummingbird

extension CasePages {
    func addMemberRoutes<Context: OriginRequestContext>(to routes: RouteCollection<Context>) {
        routes.get("/admin/members") { request, context in try await visit(request, context) { try await members(request) } }
        routes.post("/admin/members") { request, context in try await visit(request, context) { try await grant(request) } }
        routes.post("/admin/members/{grant}/revoke") { request, context in
            let id = try Self.number(context, "grant")
            return try await visit(request, context) { try await revokeGrant(request, id: id) }
        }
        routes.get("/account/tokens") { request, context in try await visit(request, context) { try await tokens(request) } }
        routes.post("/account/tokens") { request, context in try await visit(request, context) { try await makeToken(request) } }
        routes.post("/account/tokens/{token}/revoke") { request, context in
            let id = try Self.number(context, "token")
            return try await visit(request, context) { try await revokeToken(request, id: id) }
        }
    }

    /// The members' desk for the current visit.
    func memberDesk() throws -> MemberDesk {
        guard let access = Visit.access else { throw HTTPError(.unauthorized) }
        return MemberDesk(store: service.store, access: access)
    }

    static func number<Context: RequestContext>(_ context: Context, _ name: String) throws -> Int64 {
        guard let text = context.parameters.get(name), let id = Int64(text), id > 0 else {
            throw HTTPError(.notFound, message: "no such \(name)")
        }
        return id
    }

    struct MembersView {
        struct Kind { var value: String; var label: String; var selected: Bool }
        var rulesVersion: String
        var signInOff: Bool
        var problems: [String]
        /// Stored, not computed: the templates read a view's stored properties only.
        var hasProblems: Bool
        var done: String?
        var subject = "", name = "", value = ""
        var kinds: [Kind]
        var roleNames: String
        var grants: [MemberGrant]
        var active: Int
        var revoked: Int
        var csrf: String
    }

    /// The grants, with the form to add one (refilled after a refused post).
    func members(_ request: Request, posted: FormBody? = nil, problems: [String] = [], done: String? = nil,
                 status: HTTPResponse.Status = .ok) async throws -> Response {
        let grants = try await memberDesk().grants()
        let granted = request.uri.queryParameters.get("granted").flatMap { Int64($0) }
        let done = done ?? granted.flatMap { id in grants.first { $0.id == id } }.map { "Granted \($0.kind.rawValue) \($0.value) to \($0.name.isEmpty ? $0.subject : $0.name)." }
        let kind = posted?["kind"] ?? MemberGrant.Kind.team.rawValue
        return page(.members, request: request, status: status) { csrf in
            MembersView(
                rulesVersion: service.engine.library.version, signInOff: !gate.requiresSignIn, problems: problems,
                hasProblems: !problems.isEmpty, done: done,
                subject: posted?["subject"] ?? "", name: posted?["name"] ?? "", value: posted?["value"] ?? "",
                kinds: MemberGrant.Kind.allCases.map { MembersView.Kind(value: $0.rawValue, label: $0.rawValue, selected: $0.rawValue == kind) },
                roleNames: Member.Role.allCases.map(\.rawValue).joined(separator: ", "),
                grants: grants, active: grants.filter(\.isActive).count, revoked: grants.filter { !$0.isActive }.count, csrf: csrf)
        }
    }

    func grant(_ request: Request) async throws -> Response {
        let form: FormBody
        switch try await readForm(request) {
        case .success(let body): form = body
        case .failure(let refusal): return refusal.response
        }
        switch GrantRequest.read(subject: form["subject"], name: form["name"], kind: form["kind"], value: form["value"]) {
        case .failure(let problems):
            return try await members(request, posted: form, problems: problems.messages, status: .unprocessableContent)
        case .success(let asked):
            let granted = try await memberDesk().grant(asked)
            return .seeOther("/admin/members?granted=\(granted.id)#grant-\(granted.id)")
        }
    }

    func revokeGrant(_ request: Request, id: Int64) async throws -> Response {
        switch try await readForm(request) {
        case .success: break
        case .failure(let refusal): return refusal.response
        }
        guard try await memberDesk().revokeGrant(id) else {
            return try await members(request, problems: ["grant \(id): expected an active grant; found none (revoked already, or never made)"],
                                     status: .notFound)
        }
        return .seeOther("/admin/members#grant-\(id)")
    }

    struct TokensView {
        struct Row { var id: Int64; var label: String; var createdAt: String; var expiresAt: String; var state: String; var live: Bool }
        var rulesVersion: String
        var maxDays = APIToken.maxDays
        var problems: [String]
        var hasProblems: Bool
        var secret: String?
        var done: String?
        var label: String
        var days: String
        var tokens: [Row]
        var count: Int
        var csrf: String
    }

    /// The member's tokens and the form to make one; `secret` is a token just made.
    func tokens(_ request: Request, posted: FormBody? = nil, problems: [String] = [], secret: String? = nil,
                done: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let desk = try memberDesk()
        guard !desk.member.isLocal else {
            return message("No API tokens without sign-in", "Without sign-in the workspace answers on this computer only and its API needs no token.",
                           request: request, status: .notFound)
        }
        let now = Date()
        let rows = try await desk.tokens().map { token in
            TokensView.Row(id: token.id, label: token.label, createdAt: token.createdAt, expiresAt: token.expiresAt,
                           state: token.revokedAt.map { "revoked \($0)" } ?? (token.isLive(at: now) ? "live" : "expired"),
                           live: token.isLive(at: now))
        }
        return page(.tokens, request: request, status: status) { csrf in
            TokensView(rulesVersion: service.engine.library.version, problems: problems, hasProblems: !problems.isEmpty,
                       secret: secret, done: done,
                       label: posted?["label"] ?? "", days: posted?["days"] ?? "30", tokens: rows, count: rows.count, csrf: csrf)
        }
    }

    func makeToken(_ request: Request) async throws -> Response {
        let form: FormBody
        switch try await readForm(request) {
        case .success(let body): form = body
        case .failure(let refusal): return refusal.response
        }
        switch APIToken.read(label: form["label"], days: form["days"]) {
        case .failure(let problems):
            return try await tokens(request, posted: form, problems: problems.messages, status: .unprocessableContent)
        case .success(let asked):
            let made = try await memberDesk().makeToken(label: asked.label, days: asked.days)
            // The secret is shown in this answer only (not a redirect: it must not sit in a URL).
            var response = try await tokens(request, secret: made.secret)
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }

    func revokeToken(_ request: Request, id: Int64) async throws -> Response {
        switch try await readForm(request) {
        case .success: break
        case .failure(let refusal): return refusal.response
        }
        guard try await memberDesk().revokeToken(id) else {
            return try await tokens(request, problems: ["token \(id): expected a live token of yours; found none"], status: .notFound)
        }
        return .seeOther("/account/tokens#token-\(id)")
    }
}

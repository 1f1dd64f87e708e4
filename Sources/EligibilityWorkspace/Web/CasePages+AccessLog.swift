import Eligibility
import Hummingbird

extension CasePages {
    struct AccessLogView {
        struct Row { var at: String; var name: String; var subject: String; var action: String; var caseId: Int64?; var origin: String }
        var rulesVersion: String
        var caseFilter: String
        var memberFilter: String
        var sinceFilter: String
        var problem: String?
        var rows: [Row]
        var count: Int
        var truncated: Bool
    }

    /// The access log for an admin, filtered by case, member and date (`?case=&member=&since=`).
    func accessLog(_ request: Request) async throws -> Response {
        let parameters = request.uri.queryParameters
        let caseText = parameters.get("case") ?? ""
        let member = parameters.get("member") ?? ""
        let since = parameters.get("since") ?? ""
        var query = AccessQuery(member: member.isEmpty ? nil : member)
        var problem: String?
        if !caseText.isEmpty {
            if let id = Int64(caseText), id > 0 { query.caseId = id } else { problem = "case: expected a case number; found \"\(caseText)\"" }
        }
        if !since.isEmpty {
            if Day(iso: since) != nil { query.since = since } else { problem = "since: expected a date YYYY-MM-DD; found \"\(since)\"" }
        }
        let rows = problem == nil ? try await desk().accessLog(query) : []
        let view = AccessLogView(
            rulesVersion: service.engine.library.version, caseFilter: caseText, memberFilter: member, sinceFilter: since,
            problem: problem,
            rows: rows.map { .init(at: $0.at, name: $0.name, subject: $0.subject, action: $0.action.rawValue, caseId: $0.caseId, origin: $0.origin) },
            count: rows.count, truncated: rows.count == query.limit)
        return page(.accessLog, request: request, status: problem == nil ? .ok : .unprocessableContent) { _ in view }
    }
}

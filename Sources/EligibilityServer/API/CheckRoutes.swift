import Eligibility
import Hummingbird

/// `POST /v1/check`, `/v1/plan` and `/v1/questions`: a patient in, the report out, in the
/// very bytes `eligcheck check|plan --format json` prints for the same patient and rules.
///
/// Query: `service=ID` (repeatable) limits the report to those services, `as_of=DATE`
/// sets the evaluation date (else the patient's `as_of`, else today).
struct CheckRoutes {
    /// What part of the report an endpoint answers with.
    enum Answer {
        case report, plan, questions
    }

    let rules: CurrentRules

    func add(to router: Router<EligibilityRequestContext>) {
        router.post("v1/check") { request, context in try await answer(.report, request, context) }
        router.post("v1/plan") { request, context in try await answer(.plan, request, context) }
        router.post("v1/questions") { request, context in try await answer(.questions, request, context) }
    }

    private func answer(_ answer: Answer, _ request: Request, _ context: EligibilityRequestContext) async throws -> Response {
        var request = request
        let query = try ReportQuery(request.uri.queryParameters)
        let bytes = try await request.jsonBody(context: context)
        let edition = rules.current
        return try await CheckQueue.shared.run { lane throws(APIError) in
            try Self.answer(answer, to: bytes, query: query, engine: edition.engine(lane: lane))
        }
    }

    /// The answer to a patient: its report, plan or questions in the CLI's JSON.
    private static func answer(_ answer: Answer, to bytes: [UInt8], query: ReportQuery, engine: Engine) throws(APIError) -> Response {
        let patient = try PatientBody.read(bytes, engine: engine, asOf: query.asOf)
        let report: Report
        do {
            report = try engine.report(for: patient, asOf: query.asOf, services: query.services)
        } catch {
            throw APIError(.unprocessableContent, problems: error.diagnostics.map { .init(at: "service", message: $0.message) })
        }
        switch answer {
        case .report: return report.withJSON { .json($0, status: .ok) }
        case .plan: return report.withJSON(planOnly: true) { .json($0, status: .ok) }
        case .questions: return .json(report.questionsJSON(), status: .ok)
        }
    }
}

/// The query parameters of a check: `service` (repeatable) and `as_of`.
struct ReportQuery {
    var services: [String]?
    var asOf: Day?

    init(_ parameters: Parameters) throws(APIError) {
        let services = parameters.getAll("service").map { String($0) }
        self.services = services.isEmpty ? nil : services
        if let text = parameters.get("as_of") {
            guard let day = Day(iso: text) else {
                throw APIError(.badRequest, "expected a date YYYY-MM-DD", at: "as_of")
            }
            asOf = day
        }
    }
}

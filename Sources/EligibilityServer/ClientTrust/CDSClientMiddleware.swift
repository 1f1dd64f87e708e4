import HTTPTypes
import Hummingbird

/// Lets a CDS Hooks call (`POST /cds-services/...`: a service or its feedback) through only
/// with a JWT that ``ClientTokenCheck`` accepts. Discovery (`GET /cds-services`) holds no
/// patient data and stays open. A refusal is 401 with the reason; the log names the kind
/// of reason only, never the token.
/// The route learns the client (its issuer) from the context: its `fhir_servers` are the
/// FHIR servers the service may query for the call.
struct CDSClientMiddleware<Context: CDSClientRequestContext>: RouterMiddleware {
    let trust: CDSClientTrust

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard CDSClientCall.matches(request) else { return try await next(request, context) }
        var context = context
        do {
            context.cdsClient = try await trust.check.verify(request.headers[.authorization], path: request.uri.path).iss
        } catch {
            context.logger.warning("CDS client refused", metadata: ["reason": .string(error.kind.rawValue)])
            throw APIError(.unauthorized, problems: [.init(at: "Authorization", message: error.message)],
                           headers: [.wwwAuthenticate: "Bearer error=\"invalid_token\""])
        }
        return try await next(request, context)
    }
}

/// The calls a CDS client signs: a service call or its feedback.
enum CDSClientCall {
    static func matches(_ request: Request) -> Bool {
        request.method == .post && request.uri.path.hasPrefix("/cds-services/")
    }

    /// What a CDS client may call without the JSON API's bearer token: its signed calls,
    /// and discovery, which holds no patient data.
    static func isOpenToClients(_ request: Request) -> Bool {
        matches(request) || (request.method == .get && request.uri.path == "/cds-services")
    }
}

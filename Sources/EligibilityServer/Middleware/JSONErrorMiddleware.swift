import Hummingbird

/// Turns every error a route throws into a JSON answer, so no client ever parses an
/// HTML or empty error page. Messages never echo patient values from the body beyond what
/// the diagnostics name (the place and the expected form).
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response
        } catch let error as any HTTPResponseError {
            return APIError(error.status, Self.message(for: error.status)).response
        } catch {
            return APIError(.internalServerError, "the server failed to answer; the request id in its log tells where").response
        }
    }

    static func message(for status: HTTPResponse.Status) -> String {
        switch status {
        case .contentTooLarge: return "the body is larger than \(ServerLimits.maxBodyBytes) bytes (1 MiB)"
        case .notFound: return "no such endpoint; see GET /v1/services, /v1/facts, /cds-services"
        case .methodNotAllowed: return "this method is not allowed here"
        default: return status.reasonPhrase
        }
    }
}

import Hummingbird
import Logging

/// One log line per request: method, route, status, time and the request id (from the
/// logger's metadata). The route is the pattern the router matched (`/v1/cases/{id}`),
/// never the path as sent: a path segment is as much the client's as a query value, and a
/// client may put a name or a personal number in either. The query string, headers and
/// body are never logged: they may hold patient data.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            log(request, status: (error as? any HTTPResponseError)?.status ?? .internalServerError, since: start, context: context)
            throw error
        }
        log(request, status: response.status, since: start, context: context)
        return response
    }

    private func log(_ request: Request, status: HTTPResponse.Status, since start: ContinuousClock.Instant, context: Context) {
        let elapsed = (ContinuousClock.now - start).components
        let micros = elapsed.seconds * 1_000_000 + elapsed.attoseconds / 1_000_000_000_000
        let fraction = String(micros % 1000)
        let ms = "\(micros / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue),
            // The router fills the pattern in while `next` runs (`NotFound` when none matched).
            "path": .string(context.endpointPath ?? "NotFound"),
            "status": .stringConvertible(status.code),
            "ms": .string(ms),
        ])
    }
}

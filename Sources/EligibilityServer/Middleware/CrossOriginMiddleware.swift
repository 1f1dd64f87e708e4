import HTTPTypes
import Hummingbird

/// CORS for browser-based clients (a CDS Hooks client running in a web page, the CDS Hooks
/// sandbox): the origins the deployment lists (`serve --cors-origin`) may call the JSON API
/// and CDS Hooks from scripts; other origins get no CORS headers, so browsers keep their
/// pages out. Preflight requests (`OPTIONS` with `Access-Control-Request-Method`) are
/// answered here, before any token is asked for. The workspace's pages are not shared.
struct CrossOriginMiddleware<Context: RequestContext>: RouterMiddleware {
    let origins: Set<String>
    static var maxAge: String { "600" }

    static func isShared(_ path: String) -> Bool {
        path == "/cds-services" || path.hasPrefix("/cds-services/") || path.hasPrefix("/v1/")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin], Self.isShared(request.uri.path) else {
            return try await next(request, context)
        }
        let allowed = origins.contains(origin)
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            var headers: HTTPFields = [.vary: "Origin"]
            if allowed {
                headers[.accessControlAllowOrigin] = origin
                headers[.accessControlAllowMethods] = "GET, POST, PUT, DELETE, OPTIONS"
                headers[.accessControlAllowHeaders] = "Authorization, Content-Type, Accept, If-Match"
                headers[.accessControlMaxAge] = Self.maxAge
            }
            return Response(status: allowed ? .noContent : .forbidden, headers: headers)
        }
        var response = try await next(request, context)
        response.headers[.vary] = response.headers[.vary].map { $0 + ", Origin" } ?? "Origin"
        if allowed { response.headers[.accessControlAllowOrigin] = origin }
        return response
    }
}

import Hummingbird

/// Answers 405 with `Allow` for a path that is served, but not with the request's method
/// (`TRACE /v1/facts`, `DELETE /v1/check`): a 404 there would tell a client the endpoint
/// does not exist.
///
/// The router sends every request no route takes through its middleware once more before
/// its 404; this middleware, added after all routes (``CheckerServer/application(router:settings:port:services:logger:)``),
/// sits only on that way, behind the request log, the JSON errors and the bearer token.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Every route's path pattern with the methods it is served with.
    let routes: [(path: RouterPath, methods: [HTTPRequest.Method])]

    init(routes: [Router<Context>.RouteDescription]) {
        var byPath: [(path: RouterPath, methods: [HTTPRequest.Method])] = []
        for route in routes {
            if let i = byPath.firstIndex(where: { $0.path.description == route.path.description }) {
                byPath[i].methods.append(route.method)
            } else {
                byPath.append((route.path, [route.method]))
            }
        }
        self.routes = byPath
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let allowed = methods(for: request.uri.path)
        guard !allowed.isEmpty, !allowed.contains(request.method) else { return try await next(request, context) }
        let names = allowed.map(\.rawValue).sorted().joined(separator: ", ")
        throw APIError(.methodNotAllowed, problems: [.init(at: "method", message: "\(request.method.rawValue) is not served here; expected one of \(names)")],
                       headers: [.allow: names])
    }

    /// The methods a path is served with, by every pattern it matches (`{id}` takes any segment).
    func methods(for path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var methods: [HTTPRequest.Method] = []
        for route in routes where route.path.components.count == segments.count
            && zip(route.path.components, segments).allSatisfy({ $0 ~= $1 }) {
            methods += route.methods.filter { !methods.contains($0) }
        }
        return methods
    }
}

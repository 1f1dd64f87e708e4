import Hummingbird

/// Lets a request through only with `Authorization: Bearer <token>`; `GET /healthz` (a load
/// balancer asks it) and `GET /openapi.json` (no patient data; a client reads it first) need
/// none. The comparison takes the same time wherever the
/// tokens differ, so timing does not tell an attacker how much of a guess was right.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: [UInt8]
    /// Requests another middleware authenticates (CDS Hooks calls with the client's JWT).
    let exempt: @Sendable (Request) -> Bool

    init(token: String, exempt: @escaping @Sendable (Request) -> Bool = { _ in false }) {
        self.token = Array(token.utf8)
        self.exempt = exempt
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method == .get && (request.uri.path == "/healthz" || request.uri.path == OpenAPIRoutes.path) || exempt(request) {
            return try await next(request, context)
        }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
              Self.same(Array(header.utf8.dropFirst(7)), token)
        else {
            throw APIError(.unauthorized, problems: [.init(at: "Authorization", message: "a bearer token is required: Authorization: Bearer <token from the server's --token-file>")],
                           headers: [.wwwAuthenticate: "Bearer"])
        }
        return try await next(request, context)
    }

    /// Compares every byte of the longer of the two, whatever is found on the way.
    static func same(_ given: [UInt8], _ expected: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: given.count ^ expected.count)
        difference |= given.count == expected.count ? 0 : 1
        for i in 0..<max(given.count, expected.count) {
            let a = i < given.count ? given[i] : 0
            let b = i < expected.count ? expected[i] : 0
            difference |= a ^ b
        }
        return difference == 0
    }
}

public import EligibilityServer
public import Hummingbird

/// The case manager's workspace on the server of `eligcheck serve`: the pages at `/` and
/// the case API at `/v1/cases`, added to the server's router.
public struct Workspace: Sendable {
    public let service: CaseService
    private let api: CaseAPI
    private let pages: CasePages

    /// - Parameter signIn: the identity provider members sign in with; nil: no sign-in,
    ///   one local user (loopback only).
    /// - Throws: when a page template does not parse (a bug caught by the tests).
    public init(service: CaseService, signIn: OpenIDProvider? = nil) throws {
        self.service = service
        let gate = Gate(provider: signIn, store: service.store)
        api = CaseAPI(service: service, gate: gate)
        pages = CasePages(service: service, renderer: try PageRenderer(), gate: gate,
                          csrf: CSRFGuard(secret: service.store.csrfSecret))
    }

    /// Whether a path is the workspace's (its pages, the case API, sign-in and its assets):
    /// with sign-in these carry a member's session rather than the server's bearer token.
    public static func isWorkspacePath(_ path: String) -> Bool {
        if path == "/" || path == "/signout" { return true }
        return ["/cases", "/v1/cases", "/admin/", "/account/", "/signin", "/assets/"].contains { prefix in
            path.hasPrefix(prefix) && (prefix.hasSuffix("/") || path.count == prefix.count || path.dropFirst(prefix.count).first == "/")
        }
    }

    /// The workspace's routes, for any request context that knows the peer's address.
    public func routes<Context: OriginRequestContext>(context: Context.Type = Context.self) -> RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        api.add(to: routes)
        pages.add(to: routes)
        return routes
    }
}

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
        pages = CasePages(service: service, renderer: try PageRenderer(), gate: gate)
    }

    /// The workspace's routes, for any request context that knows the peer's address.
    public func routes<Context: OriginRequestContext>(context: Context.Type = Context.self) -> RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        api.add(to: routes)
        pages.add(to: routes)
        return routes
    }
}

public import Hummingbird

/// The case manager's workspace on the server of `eligcheck serve`: the pages at `/` and
/// the case API at `/v1/cases`, added to the server's router.
public struct Workspace: Sendable {
    public let service: CaseService
    private let api: CaseAPI
    private let pages: CasePages

    /// - Throws: when a page template does not parse (a bug caught by the tests).
    public init(service: CaseService) throws {
        self.service = service
        api = CaseAPI(service: service)
        pages = CasePages(service: service, renderer: try PageRenderer())
    }

    /// The workspace's routes, for any request context the server uses.
    public func routes<Context: RequestContext>(context: Context.Type = Context.self) -> RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        api.add(to: routes)
        pages.add(to: routes)
        return routes
    }
}

public import Eligibility
public import Hummingbird
public import Logging
public import ServiceLifecycle
import HummingbirdCore
public import Foundation
import HummingbirdTLS
import NIOCore

/// Builds the HTTP server of `eligcheck serve`: the JSON API, CDS Hooks, and what other
/// targets add.
///
/// Another target adds its routes to the router before the application is made; they get
/// the same middleware (request log, bearer token, JSON errors) and context:
/// ```swift
/// let router = CheckerServer.router(rules: rules, settings: settings)
/// router.group("v1/cases").get { request, context in ... }   // e.g. the workspace
/// let app = try CheckerServer.application(router: router, settings: settings, logger: logger)
/// try await app.runService()
/// ```
/// A target that keeps state derived from the rules follows reloads through
/// ``CurrentRules/editions()``.
public enum CheckerServer {
    /// The router with every route of this target and the middleware all routes share
    /// (routes added later get it too).
    /// - Parameters:
    ///   - record: how CDS Hooks calls are read (the order map, the default country).
    ///   - cardIds: random card uuids in service; numbered in tests, for stable golden files.
    ///   - clientTrust: the CDS clients whose signed JWTs CDS Hooks calls must carry; nil:
    ///     those calls are treated as the JSON API's (the bearer token, if any).
    ///   - today: the evaluation date of CDS Hooks calls (they carry none); tests fix it.
    ///   - now: when cards are made (their Tasks' `authoredOn`); tests fix it.
    public static func router(
        rules: CurrentRules,
        settings: ServerSettings,
        record: RecordSettings = RecordSettings(),
        cardIds: CardIds = .random,
        clientTrust: CDSClientTrust? = nil,
        today: @escaping @Sendable () -> Day = { Day.today },
        now: @escaping @Sendable () -> Date = { Date() }
    ) -> Router<EligibilityRequestContext> {
        let router = base(settings: settings, clientTrust: clientTrust)
        HealthRoutes(rules: rules).add(to: router)
        CatalogRoutes(rules: rules).add(to: router)
        CheckRoutes(rules: rules).add(to: router)
        OpenAPIRoutes().add(to: router)
        if settings.cdsPort == nil {
            CDSHooksRoutes(rules: rules, record: record, today: today, now: now, cardIds: cardIds, clientTrust: clientTrust).add(to: router)
        }
        return router
    }

    /// The router of the CDS Hooks listener of its own (``ServerSettings/cdsPort``):
    /// discovery, the services, feedback and `/healthz`, with the same middleware.
    public static func cdsRouter(
        rules: CurrentRules,
        settings: ServerSettings,
        record: RecordSettings = RecordSettings(),
        cardIds: CardIds = .random,
        clientTrust: CDSClientTrust? = nil,
        today: @escaping @Sendable () -> Day = { Day.today },
        now: @escaping @Sendable () -> Date = { Date() }
    ) -> Router<EligibilityRequestContext> {
        let router = base(settings: settings, clientTrust: clientTrust)
        HealthRoutes(rules: rules).add(to: router)
        CDSHooksRoutes(rules: rules, record: record, today: today, now: now, cardIds: cardIds, clientTrust: clientTrust).add(to: router)
        return router
    }

    /// A router with the middleware every listener shares: the request log, CORS (before
    /// any token is asked for, so preflights pass and refusals are readable), JSON errors,
    /// the bearer token and the CDS clients' JWTs.
    private static func base(settings: ServerSettings, clientTrust: CDSClientTrust?) -> Router<EligibilityRequestContext> {
        let router = Router(context: EligibilityRequestContext.self)
        router.add(middleware: RequestLogMiddleware())
        if !settings.corsOrigins.isEmpty {
            router.add(middleware: CrossOriginMiddleware(origins: Set(settings.corsOrigins)))
        }
        router.add(middleware: JSONErrorMiddleware())
        if let token = settings.token {
            // With CDS clients listed, CDS Hooks calls carry the client's JWT instead.
            // With sign-in, the workspace's routes carry a member's session instead.
            let jwtCalls = clientTrust != nil
            let sessionPaths = settings.sessionPaths
            router.add(middleware: BearerTokenMiddleware(token: token, exempt: { request in
                (jwtCalls && CDSClientCall.isOpenToClients(request)) || sessionPaths?(request.uri.path) == true
            }))
        }
        if let clientTrust {
            router.add(middleware: CDSClientMiddleware(trust: clientTrust))
        }
        return router
    }

    /// Sets how many event-loop threads the process's shared group gets
    /// (``ServerSettings/ioThreads``). Call it once, before any application is made: the
    /// group is made when first used, with the count set then.
    public static func useIOThreads(_ count: Int) {
        NIOSingletons.groupLoopCountSuggestion = count
    }

    /// The lanes of the check queue (a thread per core): load the rules this many times
    /// (`Engine.copies`) for ``CurrentRules/init(engines:paths:)``, so that each check
    /// thread works with a copy of its own.
    public static var checkLanes: Int { CheckQueue.shared.lanes }

    /// The application serving `router` on the configured address (HTTPS with
    /// ``ServerSettings/tls``), with the idle timeout and connection limit of ``ServerLimits``.
    /// Every route must be on the router by now: a path served with other methods than the
    /// request's is answered 405 from the routes the router has here.
    /// - Parameters:
    ///   - port: the port to listen on; by default ``ServerSettings/port``.
    ///   - services: further services run beside the server and shut down with it (the
    ///     CDS Hooks listener of its own, for one).
    public static func application(
        router: Router<EligibilityRequestContext>,
        settings: ServerSettings,
        port: Int? = nil,
        services: [any ServiceLifecycle.Service] = [],
        logger: Logger
    ) throws -> some ApplicationProtocol {
        let http: HTTPServerBuilder = .http1(configuration: .init(idleTimeout: TimeAmount(ServerLimits.idleTimeout)))
        // Middleware added after the routes wraps only the router's way to its 404.
        router.add(middleware: MethodNotAllowedMiddleware(routes: router.routes))
        return Application(
            router: router,
            server: try settings.tls.map { try .tls(http, tlsConfiguration: $0.configuration) } ?? http,
            configuration: .init(address: .hostname(settings.host, port: port ?? settings.port), serverName: nil,
                                 availableConnectionsDelegate: .maximum(ServerLimits.maxConnections, logger: logger)),
            services: services,
            logger: logger
        )
    }
}

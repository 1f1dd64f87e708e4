public import Hummingbird
import NIOCore

/// A request context that knows where the request came from, for the workspace's access log.
public protocol OriginRequestContext: RequestContext {
    /// The peer's IP address ("127.0.0.1", "::1"); "unknown" when the connection has none.
    var origin: String { get }
}

/// A request context that carries the CDS client whose signed JWT the call bore.
public protocol CDSClientRequestContext: RequestContext {
    /// The issuer (`iss`) of the verified JWT of a CDS Hooks call; nil without one (no
    /// `--cds-clients`, or a route that takes no JWT).
    var cdsClient: String? { get set }
}

/// The request context every route of `eligcheck serve` sees, the workspace's routes too.
///
/// Bodies are read through ``EligibilityRequestContext/maxUploadSize`` (1 MiB): larger
/// ones are answered 413 before they are parsed.
public struct EligibilityRequestContext: OriginRequestContext, CDSClientRequestContext {
    /// Hummingbird's own per-request values (logger with the request id, parameters).
    public var coreContext: CoreRequestContextStorage
    public let origin: String
    public var cdsClient: String?

    /// Creates the context for one request.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        origin = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// The largest request body read: 1 MiB.
    public var maxUploadSize: Int { ServerLimits.maxBodyBytes }
}

/// Limits that hold for every request.
public enum ServerLimits {
    /// The largest request body accepted (1 MiB); a larger one gets 413.
    public static let maxBodyBytes = 1 << 20

    /// A connection is closed when this long passes without a whole request part read or
    /// an answer written: a connection that sends nothing, a request head trickled a line
    /// at a time (slowloris: the HTTP decoder passes a head on only once it is complete, so
    /// its lines do not count as activity), or a keep-alive connection left idle after an
    /// answer. A check being worked on is never cut. Ten seconds is well above what a
    /// client on a network takes to send a head, and frees a slowloris connection's slot
    /// after one of its ten-second lines.
    public static let idleTimeout: Duration = .seconds(10)

    /// The longest a request body may take to arrive, from the first read of it. The idle
    /// timeout does not apply while a request is being read, so without it a body sent a
    /// byte every few seconds kept its connection open indefinitely. Thirty seconds carries
    /// the largest body (1 MiB) over a link of 300 kbit/s; a check's body is a few KB.
    public static let bodyTimeout: Duration = .seconds(30)

    /// The most connections open at once; past it the server accepts no more until one
    /// closes (new ones wait in the listen backlog), so a flood of idle connections costs
    /// at most this many descriptors and buffers, and each of them at most `idleTimeout`.
    /// 512 is over ten times the 64 connections the benchmark drives the server with, and
    /// well under the usual descriptor limit of 1024.
    public static let maxConnections = 512
}

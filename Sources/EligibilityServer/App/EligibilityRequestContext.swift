public import Hummingbird

/// The request context every route of `eligcheck serve` sees, the workspace's routes too.
///
/// Bodies are read through ``EligibilityRequestContext/maxUploadSize`` (1 MiB): larger
/// ones are answered 413 before they are parsed.
public struct EligibilityRequestContext: RequestContext {
    /// Hummingbird's own per-request values (logger with the request id, parameters).
    public var coreContext: CoreRequestContextStorage

    /// Creates the context for one request.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// The largest request body read: 1 MiB.
    public var maxUploadSize: Int { ServerLimits.maxBodyBytes }
}

/// Limits that hold for every request.
public enum ServerLimits {
    /// The largest request body accepted (1 MiB); a larger one gets 413.
    public static let maxBodyBytes = 1 << 20
}

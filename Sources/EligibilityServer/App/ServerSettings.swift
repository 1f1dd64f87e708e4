/// Where the server listens and who may call it.
///
/// Patient data is special-category health data: the server listens on the loopback
/// interface unless told otherwise, and any other address needs a bearer token.
public struct ServerSettings: Sendable {
    /// The address to bind (an IPv4 or IPv6 literal, or a host name).
    public var host: String
    /// The TCP port; 0 lets the system choose a free one.
    public var port: Int
    /// The bearer token every request but `GET /healthz` must carry; nil on loopback only.
    public var token: String?
    /// The threads that read requests and write answers (the event loops). Checks run on
    /// ``CheckQueue``'s thread per core, so one I/O thread keeps two cores busy. With two
    /// (measured before the check queue, when checks ran on Swift's shared pool) `POST
    /// /v1/check` answered 6-7 % fewer calls (`bench/serve.sh`, two cores).
    public var ioThreads: Int
    /// HTTPS instead of HTTP, on every listener.
    public var tls: ServerTLS?
    /// Origins whose scripts may call the JSON API and CDS Hooks (CORS).
    public var corsOrigins: [String] = []
    /// A listener of its own for CDS Hooks (discovery, services, feedback and `/healthz`),
    /// apart from the JSON API and the workspace; nil: all on ``port``.
    public var cdsPort: Int?
    /// Paths that carry a signed-in session of their own instead of the bearer token (the
    /// workspace's pages and case API when it has sign-in); nil: none.
    public var sessionPaths: (@Sendable (String) -> Bool)?

    /// - Throws: ``SettingsError`` when a non-loopback address has no token, or the token is empty.
    public init(host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, ioThreads: Int = 1) throws(SettingsError) {
        if let token, token.isEmpty {
            throw SettingsError("the token file is empty; write a long random token into it")
        }
        if token == nil && !Self.isLoopback(host) {
            throw SettingsError("'\(host)' is not a loopback address: patient data may leave this machine only with --token-file (a bearer token every request must carry)")
        }
        guard (0...65_535).contains(port) else {
            throw SettingsError("--port must be between 0 and 65535; found \(port)")
        }
        guard (1...64).contains(ioThreads) else {
            throw SettingsError("--io-threads must be between 1 and 64; found \(ioThreads)")
        }
        self.host = host
        self.port = port
        self.token = token
        self.ioThreads = ioThreads
    }

    /// Sets where CDS Hooks listens; a usage error when it is not a port or is the main one.
    public mutating func listenForCDSHooks(on port: Int) throws(SettingsError) {
        guard (1...65_535).contains(port) else {
            throw SettingsError("--cds-port must be between 1 and 65535; found \(port)")
        }
        guard port != self.port else {
            throw SettingsError("--cds-port \(port) is --port too; give CDS Hooks a port of its own, or leave --cds-port out")
        }
        cdsPort = port
    }

    /// Sets the origins allowed to call from scripts; each must be a scheme and a host
    /// (and port), as browsers send it in `Origin`.
    public mutating func allowOrigins(_ origins: [String]) throws(SettingsError) {
        for origin in origins {
            let lower = origin.lowercased()
            guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), !origin.hasSuffix("/"),
                  origin.split(separator: "/", omittingEmptySubsequences: false).count == 3 else {
                throw SettingsError("--cors-origin must be an origin such as https://ehr.example.org (scheme, host and port, no path); found '\(origin)'")
            }
        }
        corsOrigins = origins
    }

    /// True for `localhost`, 127.0.0.0/8 and `::1`.
    public static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in UInt8(part).map { _ in true } ?? false }
    }
}

/// A setting the server cannot start with.
public struct SettingsError: Error, Sendable, CustomStringConvertible {
    /// What is wrong and what to do.
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

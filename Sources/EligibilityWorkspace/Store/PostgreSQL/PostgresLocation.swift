import Foundation

/// A PostgreSQL database as `--db` names it:
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|require|verify-full&sslrootcert=FILE]`.
///
/// The password comes from the URL or else from `PGPASSWORD`; ``description`` never shows it.
/// Without `sslmode`, a server on loopback is reached without TLS and any other only with
/// TLS whose certificate names the host (`verify-full`).
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    /// How the connection is protected (libpq's names).
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// No TLS.
        case disable
        /// TLS, the server's certificate not checked (libpq's `require`).
        case require
        /// TLS, the certificate checked against the trusted roots and the host name.
        case verifyFull = "verify-full"
    }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode
    /// PEM CA certificates to trust for `verify-full` instead of the system's (`sslrootcert`).
    public var rootCertificates: String?

    /// Whether `text` is meant as a PostgreSQL URL rather than a SQLite file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Reads a `postgres://` URL. - Throws: `CaseStoreError.unusable` naming what was
    /// expected and what was found (with any password left out).
    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(CaseStoreError) {
        let shown = Self.withoutPassword(text)
        func refuse(_ reason: String) -> CaseStoreError {
            .unusable(path: shown, reason: "\(reason); expected postgres://USER@HOST:PORT/DATABASE?sslmode=disable|require|verify-full")
        }
        guard Self.isURL(text), let parts = URLComponents(string: text) else { throw refuse("this is not a URL") }
        guard let host = parts.host, !host.isEmpty else { throw refuse("the URL names no host") }
        guard let user = parts.percentEncodedUser.flatMap({ $0.removingPercentEncoding }), !user.isEmpty else {
            throw refuse("the URL names no user (USER@ before the host)")
        }
        let database = String(parts.path.dropFirst())
        guard !database.isEmpty, !database.contains("/") else { throw refuse("the URL names no database (/DATABASE after the host)") }
        if let port = parts.port, !(1...65535).contains(port) { throw refuse("the port \(port) is not a TCP port") }
        self.user = user
        self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        self.port = parts.port ?? 5432
        self.database = database
        password = parts.percentEncodedPassword?.removingPercentEncoding ?? environment["PGPASSWORD"]
        var mode: TLSMode?
        for item in parts.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let known = TLSMode(rawValue: value) else {
                    throw refuse("sslmode '\(item.value ?? "")' is not one of disable, require, verify-full")
                }
                mode = known
            case "sslrootcert": rootCertificates = item.value
            default: throw refuse("the parameter '\(item.name)' is not known (sslmode and sslrootcert are)")
            }
        }
        tls = mode ?? (Self.isLoopback(self.host) ? .disable : .verifyFull)
    }

    /// `localhost`, 127.0.0.0/8 or ::1.
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// The URL without its password, for messages and logs.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)@\(shownHost):\(port)/\(database)?sslmode=\(tls.rawValue)"
    }

    /// A URL as given, its password (between `user:` and `@`) replaced by `***`.
    static func withoutPassword(_ text: String) -> String {
        guard let scheme = text.range(of: "://") else { return text }
        let rest = text[scheme.upperBound...]
        guard let at = rest.lastIndex(of: "@") else { return text }
        let credentials = rest[..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(rest[at...])
    }
}

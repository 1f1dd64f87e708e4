import PostgresNIO

/// What went wrong talking to PostgreSQL, in words: postgres-nio's errors describe
/// themselves only generically (so that no query or value reaches a page), which tells an
/// operator nothing. This names the error's kind, the server's message and SQLSTATE, or the
/// network's error, and never a query or its values.
enum PostgresFailure {
    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let info = error.serverInfo {
            let message = info[.message] ?? "no message"
            return "the server said: \(message) (SQLSTATE \(info[.sqlState] ?? "?"))"
        }
        var words: String
        switch error.code {
        case .connectionError: words = "cannot connect"
        case .sslUnsupported: words = "the server does not offer TLS (sslmode=disable turns it off, on a network you trust)"
        case .failedToAddSSLHandler: words = "TLS could not be set up"
        case .authMechanismRequiresPassword: words = "the server asks for a password: give it in PGPASSWORD or the URL"
        case .unsupportedAuthMechanism: words = "the server asks for an authentication method postgres-nio does not speak (use scram-sha-256)"
        case .serverClosedConnection: words = "the server closed the connection"
        case .poolClosed: words = "the store is closed"
        default: words = "\(error.code)"
        }
        if let underlying = error.underlying {
            let detail = "\(underlying)"
            if detail.contains("CERTIFICATE_VERIFY_FAILED") {
                words = "TLS: the server's certificate could not be verified for this host (sslmode=verify-full; "
                    + "give the CA that signed it with sslrootcert=FILE)"
            }
            words += ": \(detail)"
        }
        return words
    }
}

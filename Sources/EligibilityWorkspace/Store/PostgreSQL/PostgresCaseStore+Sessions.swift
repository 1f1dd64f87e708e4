import Foundation
import PostgresNIO

/// Sessions and sign-ins in progress, shared by every server on the database; only hashes
/// of the secrets are stored.
extension PostgresCaseStore {
    public func startSession(for member: Member, until expires: Date) async throws -> String {
        let token = SignInAttempt.randomText()
        let encoded = try CaseStore.encode(member)
        try await transaction { connection in
            try await connection.query("DELETE FROM member_session WHERE expires_at < \(CaseStore.timestamp())", logger: logger)
            try await connection.query("""
                INSERT INTO member_session (token_hash, member, expires_at)
                VALUES (\(SignInAttempt.hash(token)), \(encoded), \(expires.ISO8601Format()))
                """, logger: logger)
        }
        return token
    }

    public func member(ofSession token: String) async throws -> Member? {
        let found = try await read { connection in
            var found: (member: String, expires: String)?
            for try await row in try await connection.query("""
                SELECT member, expires_at FROM member_session WHERE token_hash = \(SignInAttempt.hash(token))
                """, logger: logger).decode((String, String).self) { found = row }
            return found
        }
        guard let found, found.expires > CaseStore.timestamp() else { return nil }
        return try CaseStore.decode(Member.self, found.member)
    }

    public func endSession(_ token: String) async throws {
        try await transaction { connection in
            try await connection.query("DELETE FROM member_session WHERE token_hash = \(SignInAttempt.hash(token))", logger: logger)
        }
    }

    public func rememberSignIn(_ attempt: SignInAttempt, returnTo: String) async throws {
        let expires = Date().addingTimeInterval(600).ISO8601Format()
        try await transaction { connection in
            try await connection.query("DELETE FROM sign_in_attempt WHERE expires_at < \(CaseStore.timestamp())", logger: logger)
            try await connection.query("""
                INSERT INTO sign_in_attempt (state_hash, verifier, nonce, return_to, expires_at)
                VALUES (\(SignInAttempt.hash(attempt.state)), \(attempt.verifier), \(attempt.nonce), \(returnTo), \(expires))
                """, logger: logger)
        }
    }

    /// Deleted and returned in one statement, so of two servers given one `state` only one gets it.
    public func takeSignIn(state: String) async throws -> (verifier: String, nonce: String, returnTo: String)? {
        let taken = try await transaction { connection in
            var taken: (verifier: String, nonce: String, returnTo: String, expires: String)?
            for try await row in try await connection.query("""
                DELETE FROM sign_in_attempt WHERE state_hash = \(SignInAttempt.hash(state))
                RETURNING verifier, nonce, return_to, expires_at
                """, logger: logger).decode((String, String, String, String).self) { taken = row }
            return taken
        }
        guard let taken, taken.expires > CaseStore.timestamp() else { return nil }
        return (taken.verifier, taken.nonce, taken.returnTo)
    }
}

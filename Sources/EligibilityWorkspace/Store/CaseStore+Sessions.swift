import Foundation
import GRDB

/// Sessions and sign-ins in progress, kept in the case database so that every server on it
/// knows them. Only hashes of the secrets are stored.
extension CaseStore {
    /// Starts a session for `member` until `expires`; returns the secret for the cookie.
    public func startSession(for member: Member, until expires: Date) async throws -> String {
        let token = SignInAttempt.randomText()
        let encoded = try Self.encode(member)
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM member_session WHERE expires_at < ?", arguments: [Self.timestamp()])
            try db.execute(sql: "INSERT INTO member_session (token_hash, member, expires_at) VALUES (?, ?, ?)",
                           arguments: [SignInAttempt.hash(token), encoded, expires.ISO8601Format()])
        }
        return token
    }

    /// The member of a live session; nil for an unknown or expired one.
    public func member(ofSession token: String) async throws -> Member? {
        let row = try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT member, expires_at FROM member_session WHERE token_hash = ?",
                             arguments: [SignInAttempt.hash(token)])
        }
        guard let row, (row["expires_at"] as String) > Self.timestamp() else { return nil }
        return try Self.decode(Member.self, row["member"])
    }

    /// Ends a session (sign-out).
    public func endSession(_ token: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM member_session WHERE token_hash = ?", arguments: [SignInAttempt.hash(token)])
        }
    }

    /// Keeps a sign-in in progress for ten minutes.
    public func rememberSignIn(_ attempt: SignInAttempt, returnTo: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM sign_in_attempt WHERE expires_at < ?", arguments: [Self.timestamp()])
            try db.execute(sql: """
                INSERT INTO sign_in_attempt (state_hash, verifier, nonce, return_to, expires_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [SignInAttempt.hash(attempt.state), attempt.verifier, attempt.nonce, returnTo,
                                 Date().addingTimeInterval(600).ISO8601Format()])
        }
    }

    /// The sign-in with this `state`, removed so it is used once; nil when unknown or expired.
    public func takeSignIn(state: String) async throws -> (verifier: String, nonce: String, returnTo: String)? {
        try await pool.write { db in
            let hash = SignInAttempt.hash(state)
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM sign_in_attempt WHERE state_hash = ?", arguments: [hash]) else {
                return nil
            }
            try db.execute(sql: "DELETE FROM sign_in_attempt WHERE state_hash = ?", arguments: [hash])
            guard (row["expires_at"] as String) > Self.timestamp() else { return nil }
            return (row["verifier"], row["nonce"], row["return_to"])
        }
    }
}

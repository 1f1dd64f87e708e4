import Foundation
import PostgresNIO

/// Members' API tokens (as in ``CaseStore``): the hash of the secret, the member as the
/// identity provider named them when it was made, its life.
extension PostgresCaseStore {
    public func makeToken(label: String, days: Int, by access: Access) async throws -> (secret: String, token: APIToken) {
        let secret = APIToken.prefix + SignInAttempt.randomText()
        let encoded = try CaseStore.encode(access.claimed)
        return try await transaction { connection in
            let now = Date()
            var token = APIToken(id: 0, subject: access.claimed.subject, label: label, createdAt: now.ISO8601Format(),
                                 expiresAt: now.addingTimeInterval(Double(days) * 86_400).ISO8601Format())
            for try await id in try await connection.query("""
                INSERT INTO api_token (token_hash, subject, member, label, created_at, expires_at)
                VALUES (\(SignInAttempt.hash(secret)), \(token.subject), \(encoded), \(label), \(token.createdAt), \(token.expiresAt))
                RETURNING id
                """, logger: logger).decode(Int64.self) { token.id = id }
            try await append(.token, case: nil, by: access, at: token.createdAt, on: connection)
            return (secret, token)
        }
    }

    public func member(ofToken secret: String) async throws -> Member? {
        guard secret.hasPrefix(APIToken.prefix) else { return nil }
        let found = try await read { connection in
            var found: (member: String, expires: String, revoked: String?)?
            for try await row in try await connection.query("""
                SELECT member, expires_at, revoked_at FROM api_token WHERE token_hash = \(SignInAttempt.hash(secret))
                """, logger: logger).decode((String, String, String?).self) { found = row }
            return found
        }
        guard let found, found.revoked == nil, found.expires > CaseStore.timestamp() else { return nil }
        return try CaseStore.decode(Member.self, found.member)
    }

    public func tokens(of subject: String) async throws -> [APIToken] {
        try await read { connection in
            var tokens: [APIToken] = []
            for try await (id, subject, label, created, expires, revoked) in try await connection.query("""
                SELECT id, subject, label, created_at, expires_at, revoked_at FROM api_token WHERE subject = \(subject) ORDER BY id DESC
                """, logger: logger).decode((Int64, String, String, String, String, String?).self) {
                tokens.append(APIToken(id: id, subject: subject, label: label, createdAt: created, expiresAt: expires, revokedAt: revoked))
            }
            return tokens
        }
    }

    public func revokeToken(_ id: Int64, by access: Access) async throws -> Bool {
        try await transaction { connection in
            let now = CaseStore.timestamp()
            var revoked = false
            for try await _ in try await connection.query("""
                UPDATE api_token SET revoked_at = \(now) WHERE id = \(id) AND subject = \(access.member.subject) AND revoked_at IS NULL
                RETURNING id
                """, logger: logger).decode(Int64.self) { revoked = true }
            if revoked { try await append(.token, case: nil, by: access, at: now, on: connection) }
            return revoked
        }
    }
}

import Foundation
import GRDB

/// Members' API tokens: the hash of the secret, the member as they were when it was made,
/// its life. Rows are kept after revocation or expiry, for the owner's list.
extension CaseStore {
    static func createTokens(in db: Database) throws {
        try db.create(table: "api_token") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("token_hash", .text).notNull().unique()
            t.column("subject", .text).notNull().indexed()
            t.column("member", .text).notNull()
            t.column("label", .text).notNull()
            t.column("created_at", .text).notNull()
            t.column("expires_at", .text).notNull()
            t.column("revoked_at", .text)
        }
    }

    /// Makes a token for the member of `access`, living `days` days, and logs it; returns
    /// the secret (shown once) and the token.
    public func makeToken(label: String, days: Int, by access: Access) async throws -> (secret: String, token: APIToken) {
        let secret = APIToken.prefix + SignInAttempt.randomText()
        let encoded = try Self.encode(access.claimed)
        return try await pool.write { db in
            let now = Date()
            let token = APIToken(id: 0, subject: access.member.subject, label: label, createdAt: now.ISO8601Format(),
                                 expiresAt: now.addingTimeInterval(Double(days) * 86_400).ISO8601Format())
            try db.execute(sql: """
                INSERT INTO api_token (token_hash, subject, member, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [SignInAttempt.hash(secret), token.subject, encoded, label, token.createdAt, token.expiresAt])
            var made = token
            made.id = db.lastInsertedRowID
            try AccessLog.append(.token, case: nil, by: access, at: token.createdAt, in: db)
            return (secret, made)
        }
    }

    /// The member of a live token; nil for an unknown, expired or revoked one.
    public func member(ofToken secret: String) async throws -> Member? {
        guard secret.hasPrefix(APIToken.prefix) else { return nil }
        let row = try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT member, expires_at, revoked_at FROM api_token WHERE token_hash = ?",
                             arguments: [SignInAttempt.hash(secret)])
        }
        guard let row, row["revoked_at"] as String? == nil, (row["expires_at"] as String) > Self.timestamp() else { return nil }
        return try Self.decode(Member.self, row["member"])
    }

    /// A member's tokens, the newest first.
    public func tokens(of subject: String) async throws -> [APIToken] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, subject, label, created_at, expires_at, revoked_at FROM api_token WHERE subject = ? ORDER BY id DESC",
                             arguments: [subject]).map { row in
                APIToken(id: row["id"], subject: row["subject"], label: row["label"], createdAt: row["created_at"],
                         expiresAt: row["expires_at"], revokedAt: row["revoked_at"])
            }
        }
    }

    /// Revokes one of the member's own live tokens and logs it; false when they have no
    /// such token.
    public func revokeToken(_ id: Int64, by access: Access) async throws -> Bool {
        try await pool.write { db in
            let now = Self.timestamp()
            try db.execute(sql: "UPDATE api_token SET revoked_at = ? WHERE id = ? AND subject = ? AND revoked_at IS NULL",
                           arguments: [now, id, access.member.subject])
            guard db.changesCount == 1 else { return false }
            try AccessLog.append(.token, case: nil, by: access, at: now, in: db)
            return true
        }
    }
}

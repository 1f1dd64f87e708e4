import Foundation
import GRDB

/// The admin's grants of teams and roles. Rows are never deleted: a revocation is dated and
/// signed on the row.
extension CaseStore {
    static func createGrants(in db: Database) throws {
        try db.create(table: "member_grant") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("subject", .text).notNull().indexed()
            t.column("name", .text).notNull()
            t.column("kind", .text).notNull()
            t.column("value", .text).notNull()
            t.column("granted_by", .text).notNull()
            t.column("granted_at", .text).notNull()
            t.column("revoked_by", .text)
            t.column("revoked_at", .text)
        }
    }

    /// The active grants of one member.
    public func grants(of subject: String) async throws -> [MemberGrant] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM member_grant WHERE subject = ? AND revoked_at IS NULL ORDER BY id",
                             arguments: [subject]).map(Self.grant)
        }
    }

    /// Every grant, active and revoked, the newest first.
    public func allGrants() async throws -> [MemberGrant] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM member_grant ORDER BY id DESC").map(Self.grant)
        }
    }

    /// Stores a grant (an active one with the same subject, kind and value is kept as it
    /// is) and logs it; returns the active grant.
    public func grant(_ request: GrantRequest, by access: Access) async throws -> MemberGrant {
        try await pool.write { db in
            let now = Self.timestamp()
            if let row = try Row.fetchOne(db, sql: """
                SELECT * FROM member_grant WHERE subject = ? AND kind = ? AND value = ? AND revoked_at IS NULL
                """, arguments: [request.subject, request.kind.rawValue, request.value]) {
                return try Self.grant(row)
            }
            try db.execute(sql: """
                INSERT INTO member_grant (subject, name, kind, value, granted_by, granted_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [request.subject, request.name, request.kind.rawValue, request.value,
                                 Self.signature(access.member), now])
            let id = db.lastInsertedRowID
            try AccessLog.append(.grant, case: nil, by: access, at: now, in: db)
            return MemberGrant(id: id, subject: request.subject, name: request.name, kind: request.kind,
                               value: request.value, grantedBy: Self.signature(access.member), grantedAt: now)
        }
    }

    /// Revokes an active grant and logs it; false when there is no active grant `id`.
    public func revokeGrant(_ id: Int64, by access: Access) async throws -> Bool {
        try await pool.write { db in
            let now = Self.timestamp()
            try db.execute(sql: "UPDATE member_grant SET revoked_by = ?, revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                           arguments: [Self.signature(access.member), now, id])
            guard db.changesCount == 1 else { return false }
            try AccessLog.append(.grant, case: nil, by: access, at: now, in: db)
            return true
        }
    }

    /// How a member signs a grant or a change: name and subject.
    static func signature(_ member: Member) -> String { "\(member.name) (\(member.subject))" }

    private static func grant(_ row: Row) throws -> MemberGrant {
        MemberGrant(id: row["id"], subject: row["subject"], name: row["name"],
                    kind: try MemberGrant.Kind(stored: row["kind"], grant: row["id"]), value: row["value"],
                    grantedBy: row["granted_by"], grantedAt: row["granted_at"],
                    revokedBy: row["revoked_by"], revokedAt: row["revoked_at"])
    }
}

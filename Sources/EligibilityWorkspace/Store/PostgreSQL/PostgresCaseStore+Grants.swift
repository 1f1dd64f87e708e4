import Foundation
import PostgresNIO

/// The admin's grants of teams and roles; rows are never deleted, a revocation is dated
/// and signed on the row (as in ``CaseStore``).
extension PostgresCaseStore {
    private typealias GrantRow = (Int64, String, String, String, String, String, String, String?, String?)
    private static let grantColumns = "id, subject, name, kind, value, granted_by, granted_at, revoked_by, revoked_at"

    public func grants(of subject: String) async throws -> [MemberGrant] {
        try await read { connection in
            try await grants(connection.query("""
                SELECT \(unescaped: Self.grantColumns) FROM member_grant WHERE subject = \(subject) AND revoked_at IS NULL ORDER BY id
                """, logger: logger))
        }
    }

    public func allGrants() async throws -> [MemberGrant] {
        try await read { connection in
            try await grants(connection.query("SELECT \(unescaped: Self.grantColumns) FROM member_grant ORDER BY id DESC", logger: logger))
        }
    }

    public func grant(_ request: GrantRequest, by access: Access) async throws -> MemberGrant {
        try await transaction { connection in
            let now = CaseStore.timestamp()
            // One admin at a time per member, so two servers do not both add the same grant.
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(request.subject)))", logger: logger)
            let active = try await grants(connection.query("""
                SELECT \(unescaped: Self.grantColumns) FROM member_grant
                WHERE subject = \(request.subject) AND kind = \(request.kind.rawValue) AND value = \(request.value) AND revoked_at IS NULL
                """, logger: logger))
            if let found = active.first { return found }
            let by = CaseStore.signature(access.member)
            var id: Int64 = 0
            for try await new in try await connection.query("""
                INSERT INTO member_grant (subject, name, kind, value, granted_by, granted_at)
                VALUES (\(request.subject), \(request.name), \(request.kind.rawValue), \(request.value), \(by), \(now)) RETURNING id
                """, logger: logger).decode(Int64.self) { id = new }
            try await append(.grant, case: nil, by: access, at: now, on: connection)
            return MemberGrant(id: id, subject: request.subject, name: request.name, kind: request.kind, value: request.value,
                               grantedBy: by, grantedAt: now)
        }
    }

    public func revokeGrant(_ id: Int64, by access: Access) async throws -> Bool {
        try await transaction { connection in
            let now = CaseStore.timestamp()
            var revoked = false
            for try await _ in try await connection.query("""
                UPDATE member_grant SET revoked_by = \(CaseStore.signature(access.member)), revoked_at = \(now)
                WHERE id = \(id) AND revoked_at IS NULL RETURNING id
                """, logger: logger).decode(Int64.self) { revoked = true }
            if revoked { try await append(.grant, case: nil, by: access, at: now, on: connection) }
            return revoked
        }
    }

    private func grants(_ rows: PostgresRowSequence) async throws -> [MemberGrant] {
        var result: [MemberGrant] = []
        for try await (id, subject, name, kind, value, by, at, revokedBy, revokedAt) in rows.decode(GrantRow.self) {
            result.append(MemberGrant(id: id, subject: subject, name: name, kind: try MemberGrant.Kind(stored: kind, grant: id),
                                      value: value, grantedBy: by, grantedAt: at, revokedBy: revokedBy, revokedAt: revokedAt))
        }
        return result
    }
}

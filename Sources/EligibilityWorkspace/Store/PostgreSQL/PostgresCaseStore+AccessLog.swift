import PostgresNIO

/// The access log: inserted into only; the database's trigger refuses UPDATE, DELETE and
/// TRUNCATE (``PostgresSchema``).
extension PostgresCaseStore {
    public func log(_ action: AccessAction, case id: Int64?, by access: Access) async throws {
        try await transaction { connection in try await append(action, case: id, by: access, at: CaseStore.timestamp(), on: connection) }
    }

    public func accessLog(_ query: AccessQuery) async throws -> [AccessEntry] {
        try await read { connection in
            let rows = try await connection.query("""
                SELECT id, at, subject, name, case_id, action, origin FROM access_log
                WHERE (\(query.caseId)::BIGINT IS NULL OR case_id = \(query.caseId))
                AND (\(query.member)::TEXT IS NULL OR subject = \(query.member) OR name = \(query.member))
                AND (\(query.since)::TEXT IS NULL OR at >= \(query.since))
                ORDER BY id DESC LIMIT \(query.limit)
                """, logger: logger)
            var entries: [AccessEntry] = []
            for try await (id, at, subject, name, caseId, action, origin)
                in rows.decode((Int64, String, String, String, Int64?, String, String).self) {
                guard let known = AccessAction(rawValue: action) else {
                    throw CaseStoreError.unusable(path: location.description, reason: "access log row \(id) has the unknown action '\(action)'")
                }
                entries.append(AccessEntry(id: id, at: at, subject: subject, name: name, caseId: caseId, action: known, origin: origin))
            }
            return entries
        }
    }

    func append(_ action: AccessAction, case id: Int64?, by access: Access, at time: String,
                on connection: PostgresConnection) async throws {
        try await connection.query("""
            INSERT INTO access_log (at, subject, name, case_id, action, origin)
            VALUES (\(time), \(access.member.subject), \(access.member.name), \(id), \(action.rawValue), \(access.origin))
            """, logger: logger)
    }
}

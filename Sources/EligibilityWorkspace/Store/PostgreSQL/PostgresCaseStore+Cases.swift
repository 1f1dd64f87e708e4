import Foundation
import PostgresNIO

/// Cases and their history: each change one transaction with its history rows and its row
/// in the access log, as in the SQLite store.
extension PostgresCaseStore {
    /// The columns of `patient_case`, in the order ``storedCases(_:)`` decodes them.
    static let caseColumns = "id, label, facts, team, version, created_at, updated_at, evaluation, status_change"

    public func create(label: String, facts: CaseFacts, team: String, evaluate: @escaping CaseEvaluator,
                       by access: Access) async throws -> StoredCase {
        try await transaction { connection in
            let now = CaseStore.timestamp()
            let evaluation = evaluate(facts)
            let encoded = try CaseStore.encode(evaluation)
            let rows = try await connection.query("""
                INSERT INTO patient_case (label, facts, version, created_at, updated_at, evaluation, team)
                VALUES (\(label), \(facts.profile().text), 1, \(now), \(now), \(encoded), \(team)) RETURNING id
                """, logger: logger)
            var id: Int64 = 0
            for try await inserted in rows.decode(Int64.self) { id = inserted }
            let changes = [(field: "label", old: String?.none, new: String?.some(label))] + facts.changes(from: CaseFacts())
            try await record(changes, case: id, version: 1, at: now, by: access.member, on: connection)
            try await append(.create, case: id, by: access, at: now, on: connection)
            return StoredCase(id: id, label: label, facts: facts, team: team, version: 1, createdAt: now, updatedAt: now,
                              evaluation: evaluation, statusChange: nil)
        }
    }

    public func save(id: Int64, version: Int, label: String, facts: CaseFacts, evaluate: @escaping CaseEvaluator,
                     by access: Access) async throws -> StoredCase {
        try await transaction { connection in
            // The row stays locked until the transaction ends: of two saves from one version,
            // the second waits here and then finds the version moved on.
            let current = try await fetch(id, on: connection, lock: true)
            guard let save = try CaseSave(over: current, from: version, label: label, facts: facts, evaluate: evaluate) else {
                return current
            }
            let saved = save.saved
            let encoded = try CaseStore.encode(saved.evaluation)
            try await connection.query("""
                UPDATE patient_case SET label = \(label), facts = \(facts.profile().text), version = \(saved.version),
                updated_at = \(saved.updatedAt), evaluation = \(encoded) WHERE id = \(id)
                """, logger: logger)
            try await record(save.changes, case: id, version: saved.version, at: saved.updatedAt, by: access.member, on: connection)
            try await append(.change, case: id, by: access, at: saved.updatedAt, on: connection)
            return saved
        }
    }

    public func fetch(id: Int64) async throws -> StoredCase {
        try await read { connection in try await fetch(id, on: connection, lock: false) }
    }

    public func all() async throws -> [StoredCase] {
        try await read { connection in
            try await Self.storedCases(connection.query(PostgresQuery(unsafeSQL: """
                SELECT \(Self.caseColumns) FROM patient_case ORDER BY updated_at DESC, id DESC
                """), logger: logger))
        }
    }

    public func history(id: Int64) async throws -> [CaseChange] {
        try await read { connection in
            _ = try await fetch(id, on: connection, lock: false)
            let rows = try await connection.query("""
                SELECT at, version, field, old_value, new_value, "by" FROM case_change WHERE case_id = \(id) ORDER BY id
                """, logger: logger)
            var changes: [CaseChange] = []
            for try await (at, version, field, old, new, by) in rows.decode((String, Int, String, String?, String?, String).self) {
                changes.append(CaseChange(at: at, version: version, field: field, old: old, new: new, by: by))
            }
            return changes
        }
    }

    public func delete(id: Int64, by access: Access) async throws {
        try await transaction { connection in
            // The history goes by the foreign key's ON DELETE CASCADE, in the same transaction.
            var deleted = false
            for try await _ in try await connection.query("DELETE FROM patient_case WHERE id = \(id) RETURNING id", logger: logger)
                .decode(Int64.self) { deleted = true }
            guard deleted else { throw CaseStoreError.notFound(id: id) }
            try await append(.delete, case: id, by: access, at: CaseStore.timestamp(), on: connection)
        }
    }

    /// One case, its row locked until the transaction ends when `lock`. - Throws: `CaseStoreError.notFound`.
    func fetch(_ id: Int64, on connection: PostgresConnection, lock: Bool) async throws -> StoredCase {
        var query: PostgresQuery = "SELECT \(unescaped: Self.caseColumns) FROM patient_case WHERE id = \(id)"
        if lock { query.sql += " FOR UPDATE" }
        guard let stored = try await Self.storedCases(connection.query(query, logger: logger)).first else {
            throw CaseStoreError.notFound(id: id)
        }
        return stored
    }

    static func storedCases(_ rows: PostgresRowSequence) async throws -> [StoredCase] {
        var cases: [StoredCase] = []
        for try await (id, label, facts, team, version, created, updated, evaluation, statusChange)
            in rows.decode((Int64, String, String, String, Int, String, String, String?, String?).self) {
            cases.append(try CaseStore.storedCase(id: id, label: label, facts: facts, team: team, version: version, createdAt: created,
                                                  updatedAt: updated, evaluation: evaluation, statusChange: statusChange))
        }
        return cases
    }

    func record(_ changes: [(field: String, old: String?, new: String?)], case id: Int64, version: Int, at time: String,
                by member: Member, on connection: PostgresConnection) async throws {
        let by = CaseStore.changedBy(member)
        for change in changes {
            try await connection.query("""
                INSERT INTO case_change (case_id, at, version, field, old_value, new_value, "by")
                VALUES (\(id), \(time), \(version), \(change.field), \(change.old), \(change.new), \(by))
                """, logger: logger)
        }
    }
}

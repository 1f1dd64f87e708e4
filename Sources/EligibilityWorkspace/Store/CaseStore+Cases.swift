import Foundation
import GRDB

extension CaseStore {
    public typealias Evaluate = CaseEvaluator

    /// Adds a case at version 1 to `team`; its history records every fact it starts with,
    /// and the access log who created it, in the same transaction.
    public func create(label: String, facts: CaseFacts, team: String, evaluate: @escaping Evaluate,
                       by access: Access) async throws -> StoredCase {
        try await pool.write { db in
            let now = Self.timestamp()
            let evaluation = evaluate(facts)
            try db.execute(sql: """
                INSERT INTO patient_case (label, facts, version, created_at, updated_at, evaluation, team)
                VALUES (?, ?, 1, ?, ?, ?, ?)
                """, arguments: [label, facts.profile().text, now, now, try Self.encode(evaluation), team])
            let id = db.lastInsertedRowID
            let changes = [(field: "label", old: String?.none, new: String?.some(label))] + facts.changes(from: CaseFacts())
            try Self.record(changes, case: id, version: 1, at: now, by: access.member, in: db)
            try AccessLog.append(.create, case: id, by: access, at: now, in: db)
            return StoredCase(id: id, label: label, facts: facts, team: team, version: 1, createdAt: now, updatedAt: now,
                              evaluation: evaluation, statusChange: nil)
        }
    }

    /// Replaces a case's label and facts, if `version` is still the case's version.
    /// - Throws: `CaseStoreError.staleVersion` when someone else saved in between;
    ///   `.notFound` when the case is gone.
    /// A save that changes nothing records nothing and keeps the version.
    public func save(id: Int64, version: Int, label: String, facts: CaseFacts,
                     evaluate: @escaping Evaluate, by access: Access) async throws -> StoredCase {
        try await pool.write { db in
            let current = try Self.fetch(id, in: db)
            guard let save = try CaseSave(over: current, from: version, label: label, facts: facts, evaluate: evaluate) else {
                return current
            }
            let saved = save.saved
            try db.execute(sql: """
                UPDATE patient_case SET label = ?, facts = ?, version = ?, updated_at = ?, evaluation = ?
                WHERE id = ?
                """, arguments: [label, facts.profile().text, saved.version, saved.updatedAt, try Self.encode(saved.evaluation), id])
            try Self.record(save.changes, case: id, version: saved.version, at: saved.updatedAt, by: access.member, in: db)
            try AccessLog.append(.change, case: id, by: access, at: saved.updatedAt, in: db)
            return saved
        }
    }

    /// One case. - Throws: `CaseStoreError.notFound`.
    public func fetch(id: Int64) async throws -> StoredCase {
        try await pool.read { db in try Self.fetch(id, in: db) }
    }

    /// Every case, the most recently changed first.
    public func all() async throws -> [StoredCase] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM patient_case ORDER BY updated_at DESC, id DESC").map(Self.storedCase)
        }
    }

    /// Every change of a case, oldest first.
    public func history(id: Int64) async throws -> [CaseChange] {
        try await pool.read { db in
            _ = try Self.fetch(id, in: db)
            return try Row.fetchAll(db, sql: """
                SELECT at, version, field, old_value, new_value, by FROM case_change WHERE case_id = ? ORDER BY id
                """, arguments: [id]).map { row in
                CaseChange(at: row["at"], version: row["version"], field: row["field"],
                           old: row["old_value"], new: row["new_value"], by: row["by"])
            }
        }
    }

    /// Deletes a case and its whole history; the access log keeps who deleted it.
    /// - Throws: `CaseStoreError.notFound`.
    public func delete(id: Int64, by access: Access) async throws {
        try await pool.write { db in
            // The history goes by the foreign key's ON DELETE CASCADE, in the same transaction.
            try db.execute(sql: "DELETE FROM patient_case WHERE id = ?", arguments: [id])
            guard db.changesCount > 0 else { throw CaseStoreError.notFound(id: id) }
            try AccessLog.append(.delete, case: id, by: access, at: Self.timestamp(), in: db)
        }
    }

    static func fetch(_ id: Int64, in db: Database) throws -> StoredCase {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM patient_case WHERE id = ?", arguments: [id]) else {
            throw CaseStoreError.notFound(id: id)
        }
        return try storedCase(row)
    }

    static func storedCase(_ row: Row) throws -> StoredCase {
        try storedCase(id: row["id"], label: row["label"], facts: row["facts"], team: row["team"], version: row["version"],
                       createdAt: row["created_at"], updatedAt: row["updated_at"], evaluation: row["evaluation"],
                       statusChange: row["status_change"])
    }

    /// A case from its columns as either store keeps them (facts, evaluation and status change as JSON text).
    static func storedCase(id: Int64, label: String, facts: String, team: String, version: Int, createdAt: String,
                           updatedAt: String, evaluation: String?, statusChange: String?) throws -> StoredCase {
        StoredCase(id: id, label: label, facts: CaseFacts(profile: try JSONValue.parse(facts, name: "stored facts")), team: team,
                   version: version, createdAt: createdAt, updatedAt: updatedAt,
                   evaluation: try decode(CaseEvaluation.self, evaluation), statusChange: try decode(StatusChange.self, statusChange))
    }

    /// Who changed a case, as a history row names them.
    static func changedBy(_ member: Member) -> String {
        member.isLocal ? member.name : "\(member.name) (\(member.subject))"
    }

    static func record(_ changes: [(field: String, old: String?, new: String?)], case id: Int64, version: Int,
                       at time: String, by member: Member, in db: Database) throws {
        let by = changedBy(member)
        for change in changes {
            try db.execute(sql: """
                INSERT INTO case_change (case_id, at, version, field, old_value, new_value, by) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, time, version, change.field, change.old, change.new, by])
        }
    }

    static func timestamp() -> String { Date().ISO8601Format() }

    static func encode(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) throws -> T? {
        guard let text else { return nil }
        return try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

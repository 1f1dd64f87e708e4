import Foundation
import GRDB

/// What a member did, as the access log records it.
public enum AccessAction: String, Sendable, Hashable, Codable, CaseIterable {
    /// The case list (no case named).
    case list
    /// A case page, the case as JSON, its report.
    case view
    /// The print view, the plan document, the patient file.
    case export
    case create
    case change
    case delete
    /// A read or change the member's roles do not allow: refused, and logged as such.
    case refused
    case signIn = "sign_in"
    case signOut = "sign_out"
    /// The access log itself read (the admin page, `eligcheck audit` is not logged: it reads the file).
    case audit
    /// An admin gave or revoked a team or a role (the grant's row says which).
    case grant
    /// A member made or revoked an API token.
    case token
}

/// One row of the access log: who, when, which case, what, from where.
public struct AccessEntry: Sendable, Hashable {
    public var id: Int64
    /// UTC, ISO 8601.
    public var at: String
    /// The member's subject at the identity provider ("local" without sign-in).
    public var subject: String
    public var name: String
    public var caseId: Int64?
    public var action: AccessAction
    /// The peer's address.
    public var origin: String
}

/// Which rows of the access log to list.
public struct AccessQuery: Sendable, Hashable {
    public var caseId: Int64?
    /// A subject or a name.
    public var member: String?
    /// Rows at or after this UTC time (ISO 8601; a date alone means its midnight).
    public var since: String?
    public var limit = 1000

    public init(caseId: Int64? = nil, member: String? = nil, since: String? = nil, limit: Int = 1000) {
        self.caseId = caseId
        self.member = member
        self.since = since
        self.limit = limit
    }
}

/// The access log: an append-only table. The application only inserts into it, and the
/// database refuses to change or delete a row (triggers), so not even a bug or an
/// injected statement in the application rewrites who read what. Deleting a case leaves
/// its rows (they hold its id, not its facts).
enum AccessLog {
    static func create(in db: Database) throws {
        try db.create(table: "access_log") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("at", .text).notNull()
            t.column("subject", .text).notNull()
            t.column("name", .text).notNull()
            t.column("case_id", .integer).indexed()
            t.column("action", .text).notNull()
            t.column("origin", .text).notNull()
        }
        try db.execute(sql: """
            CREATE TRIGGER access_log_is_append_only_update BEFORE UPDATE ON access_log
            BEGIN SELECT RAISE(ABORT, 'the access log cannot be changed'); END;
            CREATE TRIGGER access_log_is_append_only_delete BEFORE DELETE ON access_log
            BEGIN SELECT RAISE(ABORT, 'the access log cannot be deleted from'); END;
            """)
    }

    static func append(_ action: AccessAction, case id: Int64?, by access: Access, at time: String, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO access_log (at, subject, name, case_id, action, origin) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [time, access.member.subject, access.member.name, id, action.rawValue, access.origin])
    }
}

extension CaseStore {
    /// Adds a row to the access log, in a transaction of its own.
    public func log(_ action: AccessAction, case id: Int64?, by access: Access) async throws {
        try await pool.write { db in try AccessLog.append(action, case: id, by: access, at: Self.timestamp(), in: db) }
    }

    /// The access log's rows that match, the newest first.
    public func accessLog(_ query: AccessQuery) async throws -> [AccessEntry] {
        try await pool.read { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let id = query.caseId { conditions.append("case_id = ?"); arguments.append(id) }
            if let member = query.member { conditions.append("(subject = ? OR name = ?)"); arguments += [member, member] }
            if let since = query.since { conditions.append("at >= ?"); arguments.append(since) }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments.append(query.limit)
            return try Row.fetchAll(db, sql: "SELECT * FROM access_log \(filter) ORDER BY id DESC LIMIT ?",
                                    arguments: StatementArguments(arguments)).map { row in
                let action: String = row["action"]
                guard let known = AccessAction(rawValue: action) else {
                    throw CaseStoreError.unusable(path: path, reason: "access log row \(row["id"] as Int64) has the unknown action '\(action)'")
                }
                return AccessEntry(id: row["id"], at: row["at"], subject: row["subject"], name: row["name"], caseId: row["case_id"],
                                   action: known, origin: row["origin"])
            }
        }
    }
}

import Foundation
import GRDB

/// The saved cases, in one SQLite file (WAL mode; every save one transaction).
///
/// The file holds special-category health data: its folder is created 0700 and the file
/// 0600, deleted rows are overwritten (`secure_delete`), and a commit is on disk before a
/// save is acknowledged (`synchronous = FULL`).
public struct CaseStore: CaseRecords {
    /// Where the workspace keeps its cases when no `--db` is given.
    public static let defaultPath = "eligcheck-data/cases.sqlite"

    let pool: DatabasePool
    /// The database file.
    public let path: String
    /// Drawn when the store is opened: one server on one file, so a restart asks pages
    /// served before it to be reloaded.
    public let csrfSecret: [UInt8] = CSRFGuard.randomBytes(32)

    /// Opens (creating when absent) the database at `path` and brings its schema up to date.
    public init(path: String) throws(CaseStoreError) {
        self.path = path
        do {
            try Self.prepareFile(at: path)
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA secure_delete = ON")
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch let error as CaseStoreError {
            throw error
        } catch {
            throw .unusable(path: path, reason: "\(error)")
        }
    }

    /// Creates the folder (0700) and the file (0600) before SQLite opens it, so the data is
    /// never readable by others, not even for a moment; SQLite gives its -wal and -shm
    /// files the permissions of the database file.
    private static func prepareFile(at path: String) throws(CaseStoreError) {
        let manager = FileManager.default
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !manager.fileExists(atPath: folder) {
            do {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                            attributes: [.posixPermissions: 0o700])
            } catch {
                throw .unusable(path: path, reason: "cannot create the folder \(folder): \(error.localizedDescription)")
            }
        }
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .unusable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        guard fchmod(fd, 0o600) == 0 else { throw .unusable(path: path, reason: String(cString: strerror(errno))) }
    }

    /// The schema, one migration per change; a database is brought up to date when opened.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("1 cases and their history") { db in
            try db.create(table: "patient_case") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("label", .text).notNull()
                t.column("facts", .text).notNull()
                t.column("version", .integer).notNull()
                t.column("created_at", .text).notNull()
                t.column("updated_at", .text).notNull()
                t.column("evaluation", .text)
                t.column("status_change", .text)
            }
            try db.create(table: "case_change") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("case_id", .integer).notNull().indexed()
                    .references("patient_case", onDelete: .cascade)
                t.column("at", .text).notNull()
                t.column("version", .integer).notNull()
                t.column("field", .text).notNull()
                t.column("old_value", .text)
                t.column("new_value", .text)
            }
        }
        migrator.registerMigration("2 teams, who changed, the access log, sessions") { db in
            try db.alter(table: "patient_case") { t in t.add(column: "team", .text).notNull().defaults(to: "") }
            try db.alter(table: "case_change") { t in t.add(column: "by", .text).notNull().defaults(to: "") }
            try AccessLog.create(in: db)
            try db.create(table: "member_session") { t in
                t.primaryKey("token_hash", .text)
                t.column("member", .text).notNull()
                t.column("expires_at", .text).notNull()
            }
            try db.create(table: "sign_in_attempt") { t in
                t.primaryKey("state_hash", .text)
                t.column("verifier", .text).notNull()
                t.column("nonce", .text).notNull()
                t.column("return_to", .text).notNull()
                t.column("expires_at", .text).notNull()
            }
        }
        migrator.registerMigration("3 meetings") { db in try createMeetings(in: db) }
        migrator.registerMigration("4 grants and API tokens") { db in
            try createGrants(in: db)
            try createTokens(in: db)
        }
        return migrator
    }

    /// `PRAGMA integrity_check`: "ok", or SQLite's list of problems.
    public func integrityCheck() async throws -> String {
        try await pool.read { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n")
        }
    }
}

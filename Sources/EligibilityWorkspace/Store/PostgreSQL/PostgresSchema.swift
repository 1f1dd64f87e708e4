import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL schema, versioned like the SQLite file's (the same tables, numbered the
/// same, and a fourth for what only several servers need). `schema_migration` holds the
/// versions applied. A server brings the schema up to date when it starts, in one
/// transaction under an advisory lock, so two servers starting at once apply each step once.
enum PostgresSchema {
    struct Migration {
        let version: Int
        let name: String
        let statements: [String]
    }

    /// The advisory lock the migrations are applied under ("eligmigr").
    static let migrationLock: Int64 = 0x656C_6967_6D69_6772

    static let migrations: [Migration] = [
        Migration(version: 1, name: "cases and their history", statements: [
            """
            CREATE TABLE patient_case (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, label TEXT NOT NULL,
            facts TEXT NOT NULL, version BIGINT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
            evaluation TEXT, status_change TEXT)
            """,
            """
            CREATE TABLE case_change (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            case_id BIGINT NOT NULL REFERENCES patient_case (id) ON DELETE CASCADE, at TEXT NOT NULL,
            version BIGINT NOT NULL, field TEXT NOT NULL, old_value TEXT, new_value TEXT)
            """,
            "CREATE INDEX case_change_case_id ON case_change (case_id)",
        ]),
        Migration(version: 2, name: "teams, who changed, the access log, sessions", statements: [
            "ALTER TABLE patient_case ADD COLUMN team TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE case_change ADD COLUMN \"by\" TEXT NOT NULL DEFAULT ''",
            """
            CREATE TABLE access_log (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at TEXT NOT NULL,
            subject TEXT NOT NULL, name TEXT NOT NULL, case_id BIGINT, action TEXT NOT NULL, origin TEXT NOT NULL)
            """,
            "CREATE INDEX access_log_case_id ON access_log (case_id)",
            // Append-only: the database refuses to change, delete or truncate a row, whoever asks.
            """
            CREATE FUNCTION access_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the access log cannot be changed or deleted from (% refused)', TG_OP; END $$
            """,
            """
            CREATE TRIGGER access_log_is_append_only BEFORE UPDATE OR DELETE ON access_log
            FOR EACH ROW EXECUTE FUNCTION access_log_is_append_only()
            """,
            """
            CREATE TRIGGER access_log_is_not_truncated BEFORE TRUNCATE ON access_log
            FOR EACH STATEMENT EXECUTE FUNCTION access_log_is_append_only()
            """,
            // And the servers' role may not even ask (a superuser keeps every right; the trigger still refuses).
            "REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM PUBLIC, CURRENT_USER",
            """
            CREATE TABLE member_session (token_hash TEXT PRIMARY KEY, member TEXT NOT NULL, expires_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE sign_in_attempt (state_hash TEXT PRIMARY KEY, verifier TEXT NOT NULL, nonce TEXT NOT NULL,
            return_to TEXT NOT NULL, expires_at TEXT NOT NULL)
            """,
        ]),
        Migration(version: 3, name: "meetings", statements: [
            """
            CREATE TABLE case_meeting (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            case_id BIGINT NOT NULL REFERENCES patient_case (id) ON DELETE CASCADE, held_on TEXT NOT NULL,
            participants TEXT NOT NULL, agreed TEXT NOT NULL, notes TEXT NOT NULL, updated_at TEXT NOT NULL)
            """,
            "CREATE INDEX case_meeting_case_id ON case_meeting (case_id)",
        ]),
        Migration(version: 4, name: "the servers' shared secrets", statements: [
            "CREATE TABLE workspace_secret (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
        ]),
        // SQLite's migration 4.
        Migration(version: 5, name: "grants and API tokens", statements: [
            """
            CREATE TABLE member_grant (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, subject TEXT NOT NULL,
            name TEXT NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL, granted_by TEXT NOT NULL, granted_at TEXT NOT NULL,
            revoked_by TEXT, revoked_at TEXT)
            """,
            "CREATE INDEX member_grant_subject ON member_grant (subject)",
            """
            CREATE TABLE api_token (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE,
            subject TEXT NOT NULL, member TEXT NOT NULL, label TEXT NOT NULL, created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL, revoked_at TEXT)
            """,
            "CREATE INDEX api_token_subject ON api_token (subject)",
        ]),
    ]

    /// Applies the migrations `connection`'s database lacks. - Returns: the versions applied now.
    /// - Throws: `CaseStoreError.unusable` when the database is of a newer eligcheck.
    @discardableResult
    static func migrate(_ connection: PostgresConnection, location: PostgresLocation, logger: Logger) async throws -> [Int] {
        try await PostgresCaseStore.transaction(on: connection, logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(migrationLock))", logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)
                """, logger: logger)
            var applied: Set<Int> = []
            for try await version in try await connection.query("SELECT version FROM schema_migration", logger: logger).decode(Int.self) {
                applied.insert(version)
            }
            if let newest = applied.max(), newest > migrations.count {
                throw CaseStoreError.unusable(path: location.description, reason: """
                    its schema is at version \(newest), made by a newer eligcheck; this one knows versions up to \(migrations.count)
                    """)
            }
            var now: [Int] = []
            for migration in migrations where !applied.contains(migration.version) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("""
                    INSERT INTO schema_migration (version, name, applied_at) VALUES (\(migration.version), \(migration.name), \(CaseStore.timestamp()))
                    """, logger: logger)
                now.append(migration.version)
            }
            return now
        }
    }
}

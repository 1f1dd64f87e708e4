import Logging

/// The case database `--db` names: a `postgres://` URL (``PostgresCaseStore``, shared by
/// several servers) or else a SQLite file (``CaseStore``, one server, the default).
public struct CaseDatabase: Sendable {
    public let records: any CaseRecords
    /// For a SQLite file opened to serve: this process's claim on it, held while it lives.
    /// PostgreSQL needs none: servers share it.
    public let lock: CaseStoreLock?
    private let postgres: PostgresCaseStore?

    /// Opens the database; `serving`: as a server (SQLite: refused while another holds the file).
    /// `logger`: for postgres-nio's own messages; none by default (`eligcheck audit` prints
    /// its rows on standard output and says what went wrong in the error it throws).
    /// - Throws: `CaseStoreError` naming the database (a URL without its password) and what is wrong.
    public static func open(_ argument: String, serving: Bool,
                            logger: Logger = PostgresCaseStore.silent) async throws(CaseStoreError) -> CaseDatabase {
        if PostgresLocation.isURL(argument) {
            let store = try await PostgresCaseStore.open(try PostgresLocation(url: argument), logger: logger)
            return CaseDatabase(records: store, lock: nil, postgres: store)
        }
        // Before the store is opened: a second server must not even re-evaluate the cases.
        let lock = serving ? try CaseStoreLock(databasePath: argument) : nil
        return CaseDatabase(records: try CaseStore(path: argument), lock: lock, postgres: nil)
    }

    /// An error of either store in words for the terminal (PostgreSQL's own errors say only
    /// "PSQLError" unless asked; this names the server's message, never a query or its values).
    public static func describe(_ error: any Error) -> String {
        error is CaseStoreError ? "\(error)" : PostgresFailure.describe(error)
    }

    /// Closes a PostgreSQL store's connections; nothing to do for SQLite.
    public func close() async {
        await postgres?.close()
    }
}

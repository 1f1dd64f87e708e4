import Foundation
import Logging
import PostgresNIO

/// The saved cases in a PostgreSQL database that several `eligcheck serve` processes share
/// (through postgres-nio's connection pool). The same tables and semantics as the SQLite
/// ``CaseStore``; what one process could keep to itself is in the database instead: a save
/// locks its case's row (`SELECT ... FOR UPDATE`) before comparing versions, re-evaluation
/// after a change of the rules runs under an advisory lock, and the CSRF secret is a row
/// made by whichever server comes first.
///
/// A final class: it owns the pool's running task, which ``close()`` ends.
public final class PostgresCaseStore: CaseRecords {
    /// Where the database is (its password never shown).
    public let location: PostgresLocation
    public let csrfSecret: [UInt8]
    let client: PostgresClient
    let logger: Logger
    private let running: Task<Void, Never>

    /// A logger that writes nothing, for a store opened without one.
    public static let silent = Logger(label: "eligcheck.postgres") { _ in SwiftLogNoOpLogHandler() }

    /// The advisory lock re-evaluation runs under ("eligrule").
    static let reevaluationLock: Int64 = 0x656C_6967_7275_6C65

    private init(location: PostgresLocation, csrfSecret: [UInt8], logger: Logger, client: PostgresClient, running: Task<Void, Never>) {
        self.location = location
        self.csrfSecret = csrfSecret
        self.logger = logger
        self.client = client
        self.running = running
    }

    /// Connects, brings the schema up to date and starts the connection pool.
    /// - Throws: `CaseStoreError.unusable` naming the database (without its password) and
    ///   what went wrong: unreachable, refused sign-in, a schema of a newer eligcheck.
    public static func open(_ location: PostgresLocation,
                            logger: Logger = silent) async throws(CaseStoreError) -> PostgresCaseStore {
        // The pool runs from now (it takes no connection before it is asked for one), well
        // before the migrations are done and the first query leases a connection.
        let client = PostgresClient(configuration: location.clientConfiguration(), backgroundLogger: logger)
        let running = Task { await client.run() }
        let secret: [UInt8]
        do {
            let connection = try await PostgresConnection.connect(configuration: try location.connectionConfiguration(), id: 1, logger: logger)
            do {
                try await PostgresSchema.migrate(connection, location: location, logger: logger)
                secret = try await sharedSecret(on: connection, logger: logger)
            } catch {
                try? await connection.close()
                throw error
            }
            try? await connection.close()
        } catch let error as CaseStoreError {
            running.cancel()
            throw error
        } catch {
            running.cancel()
            throw .unusable(path: location.description, reason: PostgresFailure.describe(error))
        }
        return PostgresCaseStore(location: location, csrfSecret: secret, logger: logger, client: client, running: running)
    }

    /// Stops the connection pool; the store answers no more queries.
    public func close() async {
        running.cancel()
        _ = await running.value
    }

    deinit { running.cancel() }

    /// The CSRF signing key all servers on this database share: drawn by the first, kept.
    private static func sharedSecret(on connection: PostgresConnection, logger: Logger) async throws -> [UInt8] {
        let drawn = CSRFGuard.randomBytes(32).map { String(format: "%02x", $0) }.joined()
        try await connection.query("""
            INSERT INTO workspace_secret (name, value) VALUES ('csrf', \(drawn)) ON CONFLICT (name) DO NOTHING
            """, logger: logger)
        for try await value in try await connection.query("SELECT value FROM workspace_secret WHERE name = 'csrf'", logger: logger)
            .decode(String.self) {
            let digits = Array(value.utf8)
            return stride(from: 0, to: digits.count - 1, by: 2).map { UInt8(String(decoding: digits[$0...$0 + 1], as: UTF8.self), radix: 16) ?? 0 }
        }
        throw CaseStoreError.unusable(path: "workspace_secret", reason: "the CSRF secret was not kept")
    }

    /// Runs `work` in a transaction on a pooled connection: committed when it returns,
    /// rolled back when it throws (its error passed on as it is).
    @discardableResult
    func transaction<Result: Sendable>(_ work: @Sendable (PostgresConnection) async throws -> Result) async throws -> Result {
        try await client.withConnection { connection in
            try await Self.transaction(on: connection, logger: logger, work)
        }
    }

    static func transaction<Result: Sendable>(on connection: PostgresConnection, logger: Logger,
                                              _ work: @Sendable (PostgresConnection) async throws -> Result) async throws -> Result {
        try await connection.query("BEGIN", logger: logger)
        do {
            let result = try await work(connection)
            try await connection.query("COMMIT", logger: logger)
            return result
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    /// Runs `work` on a pooled connection, outside a transaction (reads); `work` consumes its rows.
    func read<Result: Sendable>(_ work: @Sendable (PostgresConnection) async throws -> Result) async throws -> Result {
        try await client.withConnection { connection in try await work(connection) }
    }
}

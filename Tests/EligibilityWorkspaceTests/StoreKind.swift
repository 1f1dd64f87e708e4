@testable import EligibilityWorkspace
import Foundation
import GRDB
import Logging
import PostgresNIO
import Testing

/// The two stores every store test runs on.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// A fresh, empty store; nil when there is no PostgreSQL to test on (the reason printed,
    /// or a failure under ELIGCHECK_REQUIRE_POSTGRES=1).
    func freshStore(logger: Logger = Logger(label: "test")) async throws -> (any CaseRecords)? {
        try await freshDatabase(logger: logger)?()
    }

    /// Opens a fresh, empty database each time it is called: another server on it, or
    /// the same one after a restart. nil: skipped, as `freshStore`.
    func freshDatabase(logger: Logger = Logger(label: "test")) async throws -> (@Sendable () async throws -> any CaseRecords)? {
        switch self {
        case .sqlite:
            let path = temporaryDatabasePath()
            return { try CaseStore(path: path) }
        case .postgres:
            guard let location = try await PostgresTestCluster.newDatabase() else { return nil }
            return { try await PostgresCaseStore.open(location, logger: logger) }
        }
    }

    /// A service over a fresh store under the test rules (nil: skipped, as `freshStore`).
    func freshService() async throws -> CaseService? {
        guard let store = try await freshStore() else { return nil }
        return CaseService(store: store, engine: try TestRules.engine())
    }
}

/// SQL straight to a store's database, past the application, as an intruder or a bug would.
extension CaseRecords {
    /// Runs `sql`; nil when the database took it, else the database's message.
    func refusal(of sql: String) async -> String? {
        do {
            try await execute(sql)
            return nil
        } catch let error as DatabaseError {
            return error.message ?? "\(error)"
        } catch {
            return PostgresFailure.describe(error)
        }
    }

    func execute(_ sql: String) async throws {
        if let store = self as? CaseStore {
            try await store.pool.write { db in try db.execute(sql: sql) }
        } else if let store = self as? PostgresCaseStore {
            try await store.transaction { connection in _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: store.logger) }
        }
    }

    /// The first column of the rows `sql` selects, as text.
    func strings(_ sql: String) async throws -> [String] {
        if let store = self as? CaseStore {
            return try await store.pool.read { db in try String.fetchAll(db, sql: sql) }
        }
        guard let store = self as? PostgresCaseStore else { return [] }
        return try await store.read { connection in
            var values: [String] = []
            for try await value in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: store.logger).decode(String.self) {
                values.append(value)
            }
            return values
        }
    }
}

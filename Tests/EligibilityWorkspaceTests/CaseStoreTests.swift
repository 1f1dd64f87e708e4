import Eligibility
@testable import EligibilityWorkspace
import Foundation
import GRDB
import Testing

@Suite struct CaseStoreTests {
    @Test func theDatabaseAndItsFolderAreReadableByTheOwnerOnly() async throws {
        let path = temporaryDatabasePath()
        let store = try CaseStore(path: path)
        _ = try await store.create(label: "A-1", facts: trapFacts(income: 1), evaluate: Self.noEvaluation, by: .test)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let folderAttributes = try FileManager.default.attributesOfItem(atPath: folder)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect((folderAttributes[.posixPermissions] as? Int) == 0o700)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            #expect((try FileManager.default.attributesOfItem(atPath: path + suffix)[.posixPermissions] as? Int) == 0o600)
        }
        let mode = try await store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        #expect(try await store.integrityCheck() == "ok")
    }

    @Test func aSecondLockOnOneDatabaseIsRefusedUntilTheFirstIsReleased() throws {
        let path = temporaryDatabasePath()
        var first: CaseStoreLock? = try CaseStoreLock(databasePath: path)
        #expect(first?.path == path + ".lock")
        #expect(throws: CaseStoreError.inUse(path: path, lock: path + ".lock")) { try CaseStoreLock(databasePath: path) }
        #expect(CaseStoreError.inUse(path: path, lock: path + ".lock").description == """
            \(path): error: another eligcheck serve is using this case database (it holds \(path).lock); \
            two servers on one database would overwrite each other's evaluations: stop the other one, or give this one --db with another file
            """)
        // Another database is another lock.
        _ = try CaseStoreLock(databasePath: temporaryDatabasePath())
        first = nil
        _ = try CaseStoreLock(databasePath: path)
        withExtendedLifetime(first) {}
    }

    @Test(arguments: StoreKind.allCases) func aSaveFromAStaleVersionIsRefusedAndChangesNothing(_ kind: StoreKind) async throws {
        guard let store = try await kind.freshStore() else { return }
        let created = try await store.create(label: "A-1", facts: trapFacts(income: 1), evaluate: Self.noEvaluation, by: .test)
        let first = try await store.save(id: created.id, version: 1, label: "A-1", facts: trapFacts(income: 2),
                                         evaluate: Self.noEvaluation, by: .test)
        #expect(first.version == 2)
        await #expect(throws: CaseStoreError.staleVersion(id: created.id, given: 1, current: 2)) {
            try await store.save(id: created.id, version: 1, label: "A-1", facts: trapFacts(income: 3),
                                 evaluate: Self.noEvaluation, by: .test)
        }
        let now = try await store.fetch(id: created.id)
        #expect(now.version == 2)
        #expect(now.facts.values["income.annual"] == .integer(2))
    }

    @Test(arguments: StoreKind.allCases) func theHistoryHoldsEveryChangeWithItsOldAndNewValue(_ kind: StoreKind) async throws {
        guard let store = try await kind.freshStore() else { return }
        let created = try await store.create(label: "A-1", facts: facts(["age": .integer(40)]), evaluate: Self.noEvaluation, by: .test)
        _ = try await store.save(id: created.id, version: 1, label: "A-2",
                                 facts: facts(["employment.steady_job": .bool(false)]), evaluate: Self.noEvaluation, by: .test)
        let history = try await store.history(id: created.id)
        #expect(history.map { "\($0.version) \($0.field) \($0.old ?? "unknown") -> \($0.new ?? "unknown")" } == [
            "1 label unknown -> A-1",
            "1 age unknown -> 40",
            "2 label A-1 -> A-2",
            "2 age 40 -> unknown",
            "2 employment.steady_job unknown -> false",
        ])
    }

    @Test(arguments: StoreKind.allCases) func deletingACaseDeletesItsHistory(_ kind: StoreKind) async throws {
        guard let store = try await kind.freshStore() else { return }
        let kept = try await store.create(label: "K", facts: trapFacts(income: 1), evaluate: Self.noEvaluation, by: .test)
        let gone = try await store.create(label: "G", facts: trapFacts(income: 1), evaluate: Self.noEvaluation, by: .test)
        try await store.delete(id: gone.id, by: .test)
        #expect(try await store.strings("SELECT CAST(count(*) AS TEXT) FROM case_change WHERE case_id = \(gone.id)") == ["0"])
        #expect(try await store.strings("SELECT CAST(count(*) AS TEXT) FROM case_change WHERE case_id = \(kept.id)") == ["6"])
        await #expect(throws: CaseStoreError.notFound(id: gone.id)) { try await store.fetch(id: gone.id) }
        await #expect(throws: CaseStoreError.notFound(id: gone.id)) { try await store.delete(id: gone.id, by: .test) }
    }

    static let noEvaluation: CaseEvaluator = { _ in
        CaseEvaluation(rulesVersion: "test", asOf: Day(ordinal: 0), problem: "not evaluated in this test")
    }
}

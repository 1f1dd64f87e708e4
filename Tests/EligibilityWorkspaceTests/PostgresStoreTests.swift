import Eligibility
@testable import EligibilityWorkspace
import Foundation
import Testing

/// What only a shared database needs: several stores (servers) on one PostgreSQL, and the
/// `--db postgres://` URL. The stores' common semantics are tested on both in the other suites.
@Suite struct PostgresStoreTests {
    @Test func aURLNamesUserHostPortDatabaseAndTLSAndNeverShowsThePassword() throws {
        let remote = try PostgresLocation(url: "postgres://elig:s%40cret@db.example.org/cases", environment: [:])
        #expect(remote.user == "elig")
        #expect(remote.password == "s@cret")
        #expect(remote.host == "db.example.org")
        #expect(remote.port == 5432)
        #expect(remote.database == "cases")
        #expect(remote.tls == .verifyFull)
        #expect(remote.description == "postgres://elig@db.example.org:5432/cases?sslmode=verify-full")
        let local = try PostgresLocation(url: "postgresql://elig@127.0.0.1:5433/cases", environment: ["PGPASSWORD": "from-env"])
        #expect(local.tls == .disable)
        #expect(local.password == "from-env")
        #expect(local.port == 5433)
        #expect(try PostgresLocation(url: "postgres://elig@localhost/c?sslmode=require", environment: [:]).tls == .require)
    }

    @Test func aMalformedURLSaysWhatWasExpectedAndWhatWasFoundWithoutThePassword() {
        let expected = "expected postgres://USER@HOST:PORT/DATABASE?sslmode=disable|require|verify-full"
        #expect(throws: CaseStoreError.unusable(path: "postgres://elig:***@db/cases?sslmode=maybe",
                                                reason: "sslmode 'maybe' is not one of disable, require, verify-full; \(expected)")) {
            try PostgresLocation(url: "postgres://elig:hunter2@db/cases?sslmode=maybe")
        }
        #expect(throws: CaseStoreError.unusable(path: "postgres://db/cases", reason: "the URL names no user (USER@ before the host); \(expected)")) {
            try PostgresLocation(url: "postgres://db/cases")
        }
        #expect(throws: CaseStoreError.unusable(path: "postgres://elig@db", reason: "the URL names no database (/DATABASE after the host); \(expected)")) {
            try PostgresLocation(url: "postgres://elig@db")
        }
    }

    @Test func anUnreachableDatabaseIsAClearError() async throws {
        let location = try PostgresLocation(url: "postgres://elig:hunter2@127.0.0.1:1/cases")
        do {
            _ = try await PostgresCaseStore.open(location)
            Issue.record("opened a database on port 1")
        } catch {
            #expect(error.description.hasPrefix("postgres://elig@127.0.0.1:1/cases?sslmode=disable: error: cannot use the case database: cannot connect"))
            #expect(!error.description.contains("hunter2"))
        }
    }

    @Test func tlsIsRequiredOrVerifiedAsSSLModeSays() async throws {
        guard let location = try await PostgresTestCluster.newDatabase() else { return }
        guard let certificate = await PostgresTestCluster.certificate() else {
            print("skipped: the test cluster has no TLS (it was given, or openssl is missing)")
            return
        }
        let base = "postgres://\(location.user)@%@:\(location.port)/\(location.database)?sslmode="
        let required = try await PostgresCaseStore.open(try PostgresLocation(url: String(format: base, "127.0.0.1") + "require"))
        #expect(try await required.strings("SELECT CAST(ssl AS TEXT) FROM pg_stat_ssl WHERE pid = pg_backend_pid()") == ["true"])
        await required.close()
        let verified = try await PostgresCaseStore.open(
            try PostgresLocation(url: String(format: base, "localhost") + "verify-full&sslrootcert=\(certificate)"))
        #expect(try await verified.strings("SELECT CAST(ssl AS TEXT) FROM pg_stat_ssl WHERE pid = pg_backend_pid()") == ["true"])
        await verified.close()
        // A certificate no trusted CA signed is refused, and the error says TLS failed.
        do {
            let unverified = try await PostgresCaseStore.open(try PostgresLocation(url: String(format: base, "localhost") + "verify-full"))
            await unverified.close()
            Issue.record("verify-full took a self-signed certificate")
        } catch {
            #expect(error.description.contains("cannot use the case database: TLS: the server's certificate could not be verified for this host"))
        }
    }

    @Test(arguments: StoreKind.allCases) func ofConcurrentSavesFromOneVersionExactlyOneWins(_ kind: StoreKind) async throws {
        guard let store = try await kind.freshStore() else { return }
        let created = try await store.create(label: "C", facts: trapFacts(income: 1), evaluate: CaseStoreTests.noEvaluation, by: .test)
        let outcomes = await withTaskGroup(of: Result<Int, CaseStoreError>.self) { group in
            for income in 2...9 {
                group.addTask {
                    do {
                        return .success(try await store.save(id: created.id, version: 1, label: "C", facts: trapFacts(income: income),
                                                             evaluate: CaseStoreTests.noEvaluation, by: .test).version)
                    } catch let error as CaseStoreError {
                        return .failure(error)
                    } catch {
                        return .failure(.unusable(path: "test", reason: "\(error)"))
                    }
                }
            }
            var outcomes: [Result<Int, CaseStoreError>] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        #expect(outcomes.filter { if case .success(2) = $0 { true } else { false } }.count == 1)
        #expect(outcomes.filter { $0 == .failure(.staleVersion(id: created.id, given: 1, current: 2)) }.count == 7)
        #expect(try await store.fetch(id: created.id).version == 2)
        #expect(try await store.history(id: created.id).filter { $0.version == 2 }.count == 1)
    }

    @Test(arguments: StoreKind.allCases) func meetingsAreSavedAndTheirActionsListedByDueDate(_ kind: StoreKind) async throws {
        guard let store = try await kind.freshStore() else { return }
        let created = try await store.create(label: "M", facts: CaseFacts(), evaluate: CaseStoreTests.noEvaluation, by: .test)
        var meeting = Meeting(date: Day(iso: "2026-12-10")!, participants: [.init(agency: "Region", role: "GP", name: "Lund")],
                              agreed: [.init(what: "Certificate", owner: "GP", due: Day(iso: "2027-01-02")),
                                       .init(what: "Call", owner: "Municipality", due: Day(iso: "2026-12-20"))], notes: "n")
        meeting.caseId = created.id
        var saved = try await store.save(meeting, by: .test)
        #expect(saved.id > 0)
        saved.notes = "changed"
        _ = try await store.save(saved, by: .test)
        #expect(try await store.meetings(ofCase: created.id) == [saved])
        #expect(try await store.agreedActionsDue(inCases: [created.id]).map(\.action.what) == ["Call", "Certificate"])
        var stray = meeting
        stray.caseId = 999
        await #expect(throws: CaseStoreError.notFound(id: 999)) { try await store.save(stray, by: .test) }
    }

    @Test func twoServersStartingAtOnceApplyEachMigrationOnceAndShareTheCSRFSecret() async throws {
        guard let location = try await PostgresTestCluster.newDatabase() else { return }
        async let first = PostgresCaseStore.open(location)
        async let second = PostgresCaseStore.open(location)
        let (one, two) = try await (first, second)
        #expect(try await one.strings("SELECT CAST(version AS TEXT) FROM schema_migration ORDER BY version") == ["1", "2", "3", "4", "5"])
        #expect(one.csrfSecret == two.csrfSecret)
        #expect(one.csrfSecret.count == 32)
        let third = try await PostgresCaseStore.open(location)
        #expect(third.csrfSecret == one.csrfSecret)
        #expect(try await third.strings("SELECT CAST(count(*) AS TEXT) FROM schema_migration") == ["5"])
        for store in [one, two, third] { await store.close() }
    }

    /// The servers' role (not a superuser) owns the tables, yet has no right to change the
    /// access log: the database refuses before the trigger is even asked.
    @Test func theServersRoleMayNotChangeTheAccessLog() async throws {
        guard let admin = try await PostgresTestCluster.newDatabase() else { return }
        let role = "elig_" + admin.database.suffix(8)
        let setup = try await PostgresCaseStore.open(admin)
        if let refusal = await setup.refusal(of: "CREATE ROLE \(role) LOGIN") {
            print("skipped: the test server's role cannot create roles: \(refusal)")
            return
        }
        // Its own schema, first on its search path: its tables are its own.
        try await setup.execute("CREATE SCHEMA \(role) AUTHORIZATION \(role)")
        await setup.close()
        var location = admin
        location.user = role
        let store: PostgresCaseStore
        do {
            store = try await PostgresCaseStore.open(location)
        } catch {
            // A server given by ELIGCHECK_TEST_POSTGRES may want a password of a new role.
            print("skipped: cannot sign in as a new role on the test server: \(error)")
            return
        }
        _ = try await store.create(label: "R", facts: CaseFacts(), evaluate: CaseStoreTests.noEvaluation, by: .test)
        for statement in ["UPDATE access_log SET subject = 'x'", "DELETE FROM access_log", "TRUNCATE access_log"] {
            #expect(await store.refusal(of: statement)?.hasPrefix("the server said: permission denied for table access_log") == true)
        }
        #expect(try await store.accessLog(AccessQuery()).count == 1)
        await store.close()
    }

    @Test func newRulesAreAppliedOnceWhenTwoServersLoadThemAtOnce() async throws {
        guard let location = try await PostgresTestCluster.newDatabase() else { return }
        let oldRules = try TestRules.engine(incomeLimit: 100_000)
        let one = CaseService(store: try await PostgresCaseStore.open(location), engine: oldRules)
        let two = CaseService(store: try await PostgresCaseStore.open(location), engine: oldRules)
        for income in [50_000, 200_000, 340_000, 900_000] {
            _ = try await one.create(label: "c\(income)", facts: trapFacts(income: income), by: .test)
        }
        let newRules = try TestRules.engine(incomeLimit: 400_000)
        async let changedByOne = one.rulesChanged(to: newRules)
        async let changedByTwo = two.rulesChanged(to: newRules)
        let (a, b) = try await (changedByOne, changedByTwo)
        #expect(a + b == 2)
        #expect(Set([a, b]) == [0, 2])
        #expect(try await two.overview().changedUnderCurrentRules.count == 2)
    }
}

import Eligibility
@testable import EligibilityWorkspace
import Foundation
import GRDB
import Testing

/// Teams, roles and the access log, through the desk every route uses.
@Suite struct AccessTests {
    static let north = Member(subject: "sub-anna", name: "Anna Nord", teams: ["north"], roles: [.caseManager])
    static let south = Member(subject: "sub-sven", name: "Sven Syd", teams: ["south"], roles: [.caseManager])
    static let reader = Member(subject: "sub-rita", name: "Rita Reader", teams: ["north"], roles: [.reader])
    static let admin = Member(subject: "sub-ada", name: "Ada Admin", teams: [], roles: [.admin])

    /// A service over a fresh store of `kind` and a desk for each member; nil: skipped.
    func desks(_ kind: StoreKind) async throws -> (CaseService, (Member) -> CaseDesk)? {
        guard let service = try await kind.freshService() else { return nil }
        return (service, { CaseDesk(service: service, access: Access(member: $0, origin: "10.0.0.7")) })
    }

    @Test(arguments: StoreKind.allCases) func eachMemberSeesOnlyTheirTeamsCasesAndAReaderCannotChangeThem(_ kind: StoreKind) async throws {
        guard let fixture = try await desks(kind) else { return }
        let (service, desk) = fixture
        let northCase = try await desk(Self.north).create(label: "N-1", facts: trapFacts(income: 1))
        let southCase = try await desk(Self.south).create(label: "S-1", facts: trapFacts(income: 1))
        #expect(northCase.team == "north")
        #expect(southCase.team == "south")

        #expect(try await desk(Self.north).overview().cases.map(\.label) == ["N-1"])
        #expect(try await desk(Self.south).overview().cases.map(\.label) == ["S-1"])
        #expect(try await desk(Self.reader).overview().cases.map(\.label) == ["N-1"])
        #expect(try await desk(Self.admin).overview().cases.isEmpty)
        #expect(Set(try await desk(.local).overview().cases.map(\.label)) == ["N-1", "S-1"])

        // Another team's case is refused, and the refusal says why.
        await #expect(throws: AccessRefusal.self) { try await desk(Self.south).fetch(id: northCase.id) }
        do {
            _ = try await desk(Self.reader).save(id: northCase.id, version: 1, label: "N-1", facts: trapFacts(income: 2))
            Issue.record("a reader saved")
        } catch let refusal as AccessRefusal {
            #expect(refusal.description == "Rita Reader may not change case \(northCase.id): your roles (reader) in your teams (north) do not allow it")
        }
        await #expect(throws: AccessRefusal.self) { try await desk(Self.reader).delete(id: northCase.id) }
        await #expect(throws: AccessRefusal.self) { try await desk(Self.reader).create(label: "R-1", facts: CaseFacts()) }
        await #expect(throws: AccessRefusal.self) { try await desk(Self.north).create(label: "X", facts: CaseFacts(), team: "south") }
        #expect(try await service.fetch(id: northCase.id).version == 1)
        #expect(try await desk(Self.reader).fetch(id: northCase.id).label == "N-1")
    }

    @Test(arguments: StoreKind.allCases) func everyReadAndChangeIsLoggedWithWhoWhatAndFromWhere(_ kind: StoreKind) async throws {
        guard let fixture = try await desks(kind) else { return }
        let (service, desk) = fixture
        let created = try await desk(Self.north).create(label: "N-1", facts: trapFacts(income: 1))
        _ = try await desk(Self.north).fetch(id: created.id)
        _ = try await desk(Self.north).fetch(id: created.id, for: .export)
        _ = try await desk(Self.north).save(id: created.id, version: 1, label: "N-1", facts: trapFacts(income: 5))
        // A save that changes nothing is no change: no history, no log row.
        _ = try await desk(Self.north).save(id: created.id, version: 2, label: "N-1", facts: trapFacts(income: 5))
        _ = try? await desk(Self.south).fetch(id: created.id)
        _ = try await desk(Self.reader).overview()
        try await desk(Self.north).delete(id: created.id)

        let rows = try await desk(Self.admin).accessLog(AccessQuery(caseId: created.id)).reversed()
        #expect(rows.map { "\($0.subject) \($0.action.rawValue) \($0.origin)" } == [
            "sub-anna create 10.0.0.7", "sub-anna view 10.0.0.7", "sub-anna export 10.0.0.7", "sub-anna change 10.0.0.7",
            "sub-sven refused 10.0.0.7", "sub-anna delete 10.0.0.7",
            // The admin reading the case's rows is itself a row about the case.
            "sub-ada audit 10.0.0.7",
        ])
        #expect(rows.allSatisfy { $0.caseId == created.id && $0.at.hasSuffix("Z") })
        let byReader = try await service.store.accessLog(AccessQuery(member: "Rita Reader"))
        #expect(byReader.map(\.action) == [.list])
        #expect(byReader.first?.caseId == nil)
        // Reading the log is itself logged; a member without the admin role may not read it.
        #expect(try await service.store.accessLog(AccessQuery(member: "sub-ada")).map(\.action) == [.audit])
        await #expect(throws: AccessRefusal.self) { try await desk(Self.north).accessLog(AccessQuery()) }
        #expect(try await service.store.accessLog(AccessQuery(member: "sub-anna")).first?.action == .refused)
        #expect(try await service.store.accessLog(AccessQuery(since: "2999-01-01")).isEmpty)
    }

    @Test(arguments: StoreKind.allCases) func historyRowsCarryWhoChanged(_ kind: StoreKind) async throws {
        guard let fixture = try await desks(kind) else { return }
        let (service, desk) = fixture
        let created = try await desk(Self.north).create(label: "N-1", facts: trapFacts(income: 1))
        _ = try await desk(Self.north).save(id: created.id, version: 1, label: "N-2", facts: trapFacts(income: 1))
        let history = try await service.history(id: created.id)
        #expect(Set(history.map(\.by)) == ["Anna Nord (sub-anna)"])
        #expect(history.last?.field == "label")
        #expect(history.last?.version == 2)
    }

    @Test(arguments: StoreKind.allCases) func theAccessLogCannotBeChangedOrDeletedEvenWithSQL(_ kind: StoreKind) async throws {
        guard let fixture = try await desks(kind) else { return }
        let (service, desk) = fixture
        _ = try await desk(Self.north).create(label: "N-1", facts: CaseFacts())
        let store = service.store
        let update = await store.refusal(of: "UPDATE access_log SET subject = 'someone-else'")
        let delete = await store.refusal(of: "DELETE FROM access_log")
        switch kind {
        case .sqlite:
            #expect(update == "the access log cannot be changed")
            #expect(delete == "the access log cannot be deleted from")
        case .postgres:
            #expect(update?.hasPrefix("the server said: the access log cannot be changed or deleted from (UPDATE refused)") == true)
            #expect(delete?.hasPrefix("the server said: the access log cannot be changed or deleted from (DELETE refused)") == true)
            let truncate = await store.refusal(of: "TRUNCATE access_log")
            #expect(truncate?.hasPrefix("the server said: the access log cannot be changed or deleted from (TRUNCATE refused)") == true)
        }
        #expect(try await service.store.accessLog(AccessQuery()).map(\.subject) == ["sub-anna"])
    }

    @Test(arguments: StoreKind.allCases) func sessionsAreStoredAsHashesAndExpire(_ kind: StoreKind) async throws {
        guard let fixture = try await desks(kind) else { return }
        let service = fixture.0
        let store = service.store
        let token = try await store.startSession(for: Self.reader, until: Date().addingTimeInterval(3600))
        #expect(try await store.member(ofSession: token) == Self.reader)
        #expect(try await store.member(ofSession: token + "x") == nil)
        let stored = try await store.strings("SELECT token_hash FROM member_session")
        #expect(stored == [SignInAttempt.hash(token)])
        #expect(!stored.contains(token))
        let old = try await store.startSession(for: Self.reader, until: Date().addingTimeInterval(-1))
        #expect(try await store.member(ofSession: old) == nil)
        try await store.endSession(token)
        #expect(try await store.member(ofSession: token) == nil)
    }

    @Test(arguments: StoreKind.allCases) func aSignInIsUsedOnceAndOnlyWithinTenMinutes(_ kind: StoreKind) async throws {
        guard let fixture = try await desks(kind) else { return }
        let service = fixture.0
        let attempt = SignInAttempt()
        try await service.store.rememberSignIn(attempt, returnTo: "/cases/3")
        let taken = try await service.store.takeSignIn(state: attempt.state)
        #expect(taken?.verifier == attempt.verifier)
        #expect(taken?.nonce == attempt.nonce)
        #expect(taken?.returnTo == "/cases/3")
        #expect(try await service.store.takeSignIn(state: attempt.state) == nil)
        // S256 as RFC 7636 defines it; the expected value computed with Python's hashlib and base64.
        #expect(SignInAttempt.base64URL(SHA256.digest(Array("dBjftJeZ4CVP-mJ92IEN0k1-ekMFqeymfIRlpsaeAx4".utf8)))
                == "I8XOc4ul-4bQrC0Q6Fz4rZ0gyDyUGl7KOH0ge05A0T0")
        #expect(attempt.verifier.count == 43)
    }

    @Test func aReturnAddressAfterSignInStaysOnThisServer() {
        #expect(CasePages.localPath("/cases/4?saved=2") == "/cases/4?saved=2")
        #expect(CasePages.localPath("//evil.example/x") == "/")
        #expect(CasePages.localPath("https://evil.example/") == "/")
        #expect(CasePages.localPath("/\\evil.example") == "/")
        #expect(CasePages.localPath(nil) == "/")
    }
}

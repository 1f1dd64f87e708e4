@testable import EligibilityWorkspace
import Foundation
import GRDB
import Testing

/// The admin's grants of teams and roles, and members' API tokens, on both stores.
@Suite struct GrantTests {
    static let newcomer = Member(subject: "sub-nina", name: "Nina New", teams: [], roles: [])

    func access(_ member: Member) -> Access { Access(member: member, origin: "10.0.0.9") }

    @Test(arguments: StoreKind.allCases) func anAdminsGrantsAddTeamsAndRolesAndARevocationTakesThemAway(_ kind: StoreKind) async throws {
        guard let store = try await kind.freshStore() else { return }
        let admin = MemberDesk(store: store, access: access(AccessTests.admin))
        let team = try await admin.grant(GrantRequest(subject: "sub-nina", name: "Nina", kind: .team, value: "north"))
        let role = try await admin.grant(GrantRequest(subject: "sub-nina", name: "Nina", kind: .role, value: "reader"))
        // The same grant twice is the one grant.
        #expect(try await admin.grant(GrantRequest(subject: "sub-nina", name: "Nina", kind: .team, value: "north")).id == team.id)
        #expect(team.grantedBy == "Ada Admin (sub-ada)")
        let granted = Self.newcomer.adding(try await store.grants(of: "sub-nina"))
        #expect(granted.teams == ["north"])
        #expect(granted.roles == [.reader])
        #expect(granted.mayRead(team: "north"))
        #expect(!granted.mayChange(team: "north"))
        // Claims and grants add up; another member's grants are not theirs.
        #expect(AccessTests.south.adding(try await store.grants(of: "sub-nina")) == AccessTests.south)
        let claimed = Member(subject: "sub-nina", name: "Nina New", teams: ["south"], roles: [.caseManager])
        #expect(claimed.adding(try await store.grants(of: "sub-nina")).teams == ["south", "north"])
        #expect(claimed.adding(try await store.grants(of: "sub-nina")).roles == [.caseManager, .reader])

        #expect(try await admin.revokeGrant(role.id))
        #expect(try await !admin.revokeGrant(role.id))
        #expect(Self.newcomer.adding(try await store.grants(of: "sub-nina")).roles.isEmpty)
        let all = try await admin.grants()
        #expect(all.map(\.id) == [role.id, team.id])
        #expect(all.first?.revokedBy == "Ada Admin (sub-ada)")
        #expect(all.first?.revokedAt?.hasSuffix("Z") == true)
        // Each grant and revocation is in the access log; reading the grants is not a case read.
        let log = try await store.accessLog(AccessQuery(member: "sub-ada")).reversed().map(\.action)
        #expect(log == [.grant, .grant, .grant])
    }

    @Test(arguments: StoreKind.allCases) func onlyAnAdminGrantsAndTheRefusalIsLogged(_ kind: StoreKind) async throws {
        guard let store = try await kind.freshStore() else { return }
        let manager = MemberDesk(store: store, access: access(AccessTests.north))
        do {
            _ = try await manager.grant(GrantRequest(subject: "sub-anna", name: "", kind: .role, value: "admin"))
            Issue.record("a case manager made herself admin")
        } catch let refusal as AccessRefusal {
            #expect(refusal.description == "Anna Nord may not grant teams or roles: your roles (case_manager) in your teams (north) do not allow it")
        }
        await #expect(throws: AccessRefusal.self) { try await manager.grants() }
        await #expect(throws: AccessRefusal.self) { try await manager.revokeGrant(1) }
        #expect(try await store.allGrants().isEmpty)
        #expect(try await store.accessLog(AccessQuery(member: "sub-anna")).map(\.action) == [.refused, .refused, .refused])
    }

    @Test func aGrantFormIsCheckedFieldByField() {
        #expect(GrantRequest.read(subject: " sub-x ", name: "X", kind: "role", value: "case_manager")
                == .success(GrantRequest(subject: "sub-x", name: "X", kind: .role, value: "case_manager")))
        #expect(GrantRequest.read(subject: "", name: nil, kind: "boss", value: "") == .failure(GrantProblems(messages: [
            "subject: expected a value; found nothing", "value: expected a value; found nothing",
            "kind: expected team or role; found \"boss\"",
        ])))
        #expect(GrantRequest.read(subject: "s", name: "a\u{1b}b", kind: "role", value: "owner") == .failure(GrantProblems(messages: [
            "name: expected plain text; found a control character",
            "value: expected a role (case_manager, reader, admin); found \"owner\"",
        ])))
        #expect(GrantRequest.read(subject: String(repeating: "s", count: 201), name: "", kind: "team", value: "t")
                == .failure(GrantProblems(messages: ["subject: expected at most 200 characters; found 201"])))
    }

    @Test(arguments: StoreKind.allCases) func aTokenActsAsItsMemberUntilItIsRevokedOrExpires(_ kind: StoreKind) async throws {
        guard let store = try await kind.freshStore() else { return }
        let desk = MemberDesk(store: store, access: access(AccessTests.north))
        let made = try await desk.makeToken(label: "nightly export", days: 30)
        #expect(made.secret.hasPrefix("ecw_"))
        #expect(made.secret.count == 4 + 43)
        #expect(try await store.member(ofToken: made.secret) == AccessTests.north)
        #expect(try await store.member(ofToken: made.secret + "x") == nil)
        #expect(try await store.member(ofToken: String(made.secret.dropFirst(4))) == nil)
        // Only the hash is stored.
        #expect(try await store.strings("SELECT token_hash FROM api_token") == [SignInAttempt.hash(made.secret)])
        let listed = try await desk.tokens()
        #expect(listed.map(\.label) == ["nightly export"])
        #expect(listed.first?.isLive() == true)
        let days = try #require(ISO8601DateFormatter().date(from: made.token.expiresAt)).timeIntervalSince(
            try #require(ISO8601DateFormatter().date(from: made.token.createdAt))) / 86_400
        #expect(days == 30)

        // Another member cannot revoke it; its owner can, once.
        #expect(try await !MemberDesk(store: store, access: access(AccessTests.south)).revokeToken(made.token.id))
        #expect(try await store.member(ofToken: made.secret) == AccessTests.north)
        #expect(try await desk.revokeToken(made.token.id))
        #expect(try await !desk.revokeToken(made.token.id))
        #expect(try await store.member(ofToken: made.secret) == nil)
        #expect(try await desk.tokens().first?.isLive() == false)
        #expect(try await store.accessLog(AccessQuery(member: "sub-anna")).map(\.action) == [.token, .token])

        // An expired token is refused.
        let old = try await desk.makeToken(label: "old", days: 1)
        try await store.execute("UPDATE api_token SET expires_at = '2000-01-01T00:00:00Z' WHERE id = \(old.token.id)")
        #expect(try await store.member(ofToken: old.secret) == nil)
        // A token keeps the member as the identity provider named them, not the grants of the
        // moment: a grant revoked later is revoked for the token too.
        let granted = Access(member: AccessTests.north.adding([MemberGrant(id: 1, subject: "sub-anna", name: "", kind: .team,
                             value: "south", grantedBy: "x", grantedAt: "2026-01-01T00:00:00Z")]), claimed: AccessTests.north, origin: "10.0.0.9")
        #expect(granted.member.teams == ["north", "south"])
        let claimed = try await MemberDesk(store: store, access: granted).makeToken(label: "claims", days: 1)
        #expect(try await store.member(ofToken: claimed.secret) == AccessTests.north)
        // Without sign-in there is nobody to make a token for.
        await #expect(throws: AccessRefusal.self) { try await MemberDesk(store: store, access: access(.local)).makeToken(label: "x", days: 1) }
    }

    @Test func aTokenFormIsChecked() throws {
        #expect(try APIToken.read(label: "export", days: "90").get() == ("export", 90))
        #expect(APIToken.read(label: " ", days: "91").failureMessages == [
            "label: expected a few words on what the token is for; found nothing",
            "days: expected a whole number of days from 1 to 90; found \"91\"",
        ])
        #expect(APIToken.read(label: "x", days: "ten").failureMessages == ["days: expected a whole number of days from 1 to 90; found \"ten\""])
    }
}

extension Result where Failure == GrantProblems {
    var failureMessages: [String] {
        if case .failure(let problems) = self { return problems.messages }
        return []
    }
}

import Foundation

/// Works out a case's evaluation from its facts; a store calls it inside the saving
/// transaction, so a save and a change of the rules cannot cross.
public typealias CaseEvaluator = @Sendable (CaseFacts) -> CaseEvaluation

/// Where the workspace keeps its cases, their history, the access log, sessions and
/// meetings: one SQLite file (``CaseStore``) or a PostgreSQL database several servers share
/// (``PostgresCaseStore``). The service, the desk, the pages and `eligcheck audit` know only
/// this protocol; both stores keep the same semantics (and run the same tests):
///
/// - a save names the version it started from and is refused (`CaseStoreError.staleVersion`)
///   when the case moved on, so of two saves from one version exactly one wins;
/// - every change writes history rows that carry who made it, and a row in the access log,
///   in the same transaction; the access log only grows (the database refuses UPDATE and DELETE);
/// - sessions and sign-ins in progress are kept as hashes; a sign-in is taken once.
public protocol CaseRecords: Sendable {
    /// Adds a case at version 1 to `team`; its history records every fact it starts with.
    func create(label: String, facts: CaseFacts, team: String, evaluate: @escaping CaseEvaluator,
                by access: Access) async throws -> StoredCase
    /// Replaces a case's label and facts if `version` is still the case's version; a save
    /// that changes nothing records nothing and keeps the version.
    /// - Throws: `CaseStoreError.staleVersion`, `.notFound`.
    func save(id: Int64, version: Int, label: String, facts: CaseFacts, evaluate: @escaping CaseEvaluator,
              by access: Access) async throws -> StoredCase
    /// One case. - Throws: `CaseStoreError.notFound`.
    func fetch(id: Int64) async throws -> StoredCase
    /// Every case, the most recently changed first.
    func all() async throws -> [StoredCase]
    /// Every change of a case, oldest first. - Throws: `CaseStoreError.notFound`.
    func history(id: Int64) async throws -> [CaseChange]
    /// Deletes a case and its history; the access log keeps who deleted it.
    func delete(id: Int64, by access: Access) async throws
    /// Evaluates again every case last evaluated under other rules, in one transaction, once
    /// however many servers ask at the same time. - Returns: how many cases changed status.
    @discardableResult
    func reevaluate(rulesVersion: String, evaluate: @escaping CaseEvaluator) async throws -> Int

    /// Adds a row to the access log, in a transaction of its own.
    func log(_ action: AccessAction, case id: Int64?, by access: Access) async throws
    /// The access log's rows that match, the newest first.
    func accessLog(_ query: AccessQuery) async throws -> [AccessEntry]

    /// Starts a session for `member` until `expires`; returns the secret for the cookie.
    func startSession(for member: Member, until expires: Date) async throws -> String
    /// The member of a live session; nil for an unknown or expired one.
    func member(ofSession token: String) async throws -> Member?
    /// Ends a session (sign-out).
    func endSession(_ token: String) async throws
    /// Keeps a sign-in in progress for ten minutes.
    func rememberSignIn(_ attempt: SignInAttempt, returnTo: String) async throws
    /// The sign-in with this `state`, removed so it is used once; nil when unknown or expired.
    func takeSignIn(state: String) async throws -> (verifier: String, nonce: String, returnTo: String)?

    /// Adds a meeting to a case (`meeting.id` 0) or replaces one of its meetings.
    func save(_ meeting: Meeting, by access: Access) async throws -> Meeting
    /// The meetings of a case, the latest date first.
    func meetings(ofCase id: Int64) async throws -> [Meeting]
    /// Agreed actions with a due date, across the given cases, the earliest first.
    func agreedActionsDue(inCases ids: [Int64]) async throws -> [(caseId: Int64, meeting: Meeting, action: Meeting.AgreedAction)]

    /// The active grants of one member.
    func grants(of subject: String) async throws -> [MemberGrant]
    /// Every grant, active and revoked, the newest first.
    func allGrants() async throws -> [MemberGrant]
    /// Stores a grant (an active one with the same subject, kind and value is kept as it
    /// is) and logs it; returns the active grant.
    func grant(_ request: GrantRequest, by access: Access) async throws -> MemberGrant
    /// Revokes an active grant and logs it; false when there is no active grant `id`.
    func revokeGrant(_ id: Int64, by access: Access) async throws -> Bool

    /// Makes an API token for the member of `access` as the identity provider named them
    /// (`access.claimed`), living `days` days, and logs it; returns the secret and the token.
    func makeToken(label: String, days: Int, by access: Access) async throws -> (secret: String, token: APIToken)
    /// The member of a live token; nil for an unknown, expired or revoked one.
    func member(ofToken secret: String) async throws -> Member?
    /// A member's tokens, the newest first.
    func tokens(of subject: String) async throws -> [APIToken]
    /// Revokes one of the member's own live tokens and logs it; false when they have none such.
    func revokeToken(_ id: Int64, by access: Access) async throws -> Bool

    /// The key the pages' CSRF tokens are signed with: every server on one database must
    /// accept the forms another served.
    var csrfSecret: [UInt8] { get }
}

extension CaseRecords {
    /// Adds a case at version 1 outside any team (the workspace without sign-in).
    public func create(label: String, facts: CaseFacts, evaluate: @escaping CaseEvaluator,
                       by access: Access) async throws -> StoredCase {
        try await create(label: label, facts: facts, team: "", evaluate: evaluate, by: access)
    }

    /// Agreed actions with a due date among `meetings`, the earliest first.
    static func dueActions(of meetings: [Meeting]) -> [(caseId: Int64, meeting: Meeting, action: Meeting.AgreedAction)] {
        meetings.flatMap { meeting in
            meeting.agreed.compactMap { $0.due == nil ? nil : (meeting.caseId, meeting, $0) }
        }.sorted { ($0.action.due!, $0.caseId) < ($1.action.due!, $1.caseId) }
    }
}

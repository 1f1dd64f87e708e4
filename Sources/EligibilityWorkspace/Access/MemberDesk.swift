/// Who may do what, as one member manages it: an admin gives and revokes teams and roles;
/// every member makes and revokes their own API tokens. Each change is logged; a member
/// who may not is refused, and the refusal logged.
public struct MemberDesk: Sendable {
    public let store: any CaseRecords
    public let access: Access

    public init(store: any CaseRecords, access: Access) {
        self.store = store
        self.access = access
    }

    public var member: Member { access.member }

    /// Every grant, active and revoked, for an admin.
    public func grants() async throws -> [MemberGrant] {
        try await mustAdminister("read the grants")
        return try await store.allGrants()
    }

    public func grant(_ request: GrantRequest) async throws -> MemberGrant {
        try await mustAdminister("grant teams or roles")
        return try await store.grant(request, by: access)
    }

    /// False when there is no active grant `id`.
    public func revokeGrant(_ id: Int64) async throws -> Bool {
        try await mustAdminister("revoke teams or roles")
        return try await store.revokeGrant(id, by: access)
    }

    /// The member's own tokens, the newest first.
    public func tokens() async throws -> [APIToken] {
        try await store.tokens(of: member.subject)
    }

    /// A new token of the member's; the secret is in the answer only.
    public func makeToken(label: String, days: Int) async throws -> (secret: String, token: APIToken) {
        guard !member.isLocal else { throw AccessRefusal(member: member, what: "make API tokens without sign-in (the JSON API needs none then)") }
        return try await store.makeToken(label: label, days: days, by: access)
    }

    /// False when the member has no live token `id`.
    public func revokeToken(_ id: Int64) async throws -> Bool {
        try await store.revokeToken(id, by: access)
    }

    private func mustAdminister(_ what: String) async throws {
        guard member.mayAudit else {
            try await store.log(.refused, case: nil, by: access)
            throw AccessRefusal(member: member, what: what)
        }
    }
}

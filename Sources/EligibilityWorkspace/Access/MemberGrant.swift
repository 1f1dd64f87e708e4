/// A team or a role an admin gives a member on the workspace's admin page, on top of what
/// the identity provider's ID token says (claims and grants add up). A revoked grant stays
/// listed with who revoked it and when, so the page shows who could do what, and since when.
public struct MemberGrant: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The member works in the team: they see (and, as a case manager, change) its cases.
        case team
        /// The member has the role (`case_manager`, `reader`, `admin`).
        case role
    }

    public var id: Int64
    /// The member's subject at the identity provider (the ID token's `sub`).
    public var subject: String
    /// A name for the admin's list (the member's own name comes from the provider).
    public var name: String
    public var kind: Kind
    /// A team's name, or a role's value.
    public var value: String
    public var grantedBy: String
    /// UTC, ISO 8601.
    public var grantedAt: String
    public var revokedBy: String?
    public var revokedAt: String?

    public var isActive: Bool { revokedAt == nil }
}

extension MemberGrant.Kind {
    /// A kind as a store holds it. - Throws: `CaseStoreError.unusable` for an unknown one.
    init(stored text: String, grant id: Int64) throws {
        guard let kind = Self(rawValue: text) else {
            throw CaseStoreError.unusable(path: "member_grant", reason: "grant \(id) has the unknown kind '\(text)'")
        }
        self = kind
    }
}

/// A grant as an admin asks for it, checked before it is stored.
public struct GrantRequest: Sendable, Hashable {
    public var subject: String
    public var name: String
    public var kind: MemberGrant.Kind
    public var value: String

    /// The longest subject, name or team accepted.
    static let maxLength = 200

    /// Reads the admin form's fields; the problems name the field, what was expected and
    /// what was found.
    public static func read(subject: String?, name: String?, kind: String?, value: String?) -> Result<GrantRequest, GrantProblems> {
        var problems: [String] = []
        func text(_ field: String, _ raw: String?, required: Bool) -> String {
            let trimmed = (raw ?? "").trimmingCharacters(in: .whitespaces)
            if required && trimmed.isEmpty { problems.append("\(field): expected a value; found nothing") }
            if trimmed.count > maxLength { problems.append("\(field): expected at most \(maxLength) characters; found \(trimmed.count)") }
            if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                problems.append("\(field): expected plain text; found a control character")
            }
            return trimmed
        }
        let subject = text("subject", subject, required: true)
        let name = text("name", name, required: false)
        let value = text("value", value, required: true)
        let chosen = MemberGrant.Kind(rawValue: kind ?? "")
        if chosen == nil {
            problems.append("kind: expected team or role; found \"\(kind ?? "")\"")
        } else if chosen == .role, !value.isEmpty, Member.Role(rawValue: value) == nil {
            let roles = Member.Role.allCases.map(\.rawValue).joined(separator: ", ")
            problems.append("value: expected a role (\(roles)); found \"\(value)\"")
        }
        guard problems.isEmpty, let chosen else { return .failure(GrantProblems(messages: problems)) }
        return .success(GrantRequest(subject: subject, name: name, kind: chosen, value: value))
    }
}

/// Why an admin's grant was not stored.
public struct GrantProblems: Error, Sendable, Hashable {
    public var messages: [String]
}

extension Member {
    /// The member with the teams and roles of the active grants of their subject added.
    public func adding(_ grants: [MemberGrant]) -> Member {
        let mine = grants.filter { $0.isActive && $0.subject == subject }
        guard !isLocal, !mine.isEmpty else { return self }
        var teams = self.teams
        for grant in mine where grant.kind == .team && !teams.contains(grant.value) { teams.append(grant.value) }
        let roles = roles.union(mine.filter { $0.kind == .role }.compactMap { Role(rawValue: $0.value) })
        return Member(subject: subject, name: name, teams: teams, roles: roles)
    }
}

/// A person using the workspace: who they are (the identity provider's subject and name),
/// the teams they work in and what they may do there.
///
/// Without sign-in (the default: one user on a laptop, loopback only) everyone is
/// ``local``, who may do everything.
public struct Member: Sendable, Hashable, Codable {
    /// What a member may do with their teams' cases.
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        /// Reads and changes the team's cases.
        case caseManager = "case_manager"
        /// Reads the team's cases.
        case reader
        /// Reads the access log, grants teams and roles.
        case admin
    }

    /// The identity provider's `sub` claim ("local" without sign-in).
    public let subject: String
    /// The name shown on pages and in the access log.
    public let name: String
    /// The teams whose cases the member may see.
    public let teams: [String]
    public let roles: Set<Role>
    /// The single user of a workspace without sign-in.
    public let isLocal: Bool

    public init(subject: String, name: String, teams: [String], roles: Set<Role>) {
        self.subject = subject
        self.name = name
        self.teams = teams
        self.roles = roles
        isLocal = false
    }

    private init(localUser name: String) {
        subject = "local"
        self.name = name
        teams = []
        roles = Set(Role.allCases)
        isLocal = true
    }

    /// The one user of a workspace without sign-in.
    public static let local = Member(localUser: "local user (no sign-in)")

    /// Whether the member may read the cases of `team`.
    public func mayRead(team: String) -> Bool {
        isLocal || (teams.contains(team) && !roles.isDisjoint(with: [.caseManager, .reader]))
    }

    /// Whether the member may create, change and delete the cases of `team`.
    public func mayChange(team: String) -> Bool {
        isLocal || (teams.contains(team) && roles.contains(.caseManager))
    }

    /// Whether the member may read the access log and grant teams and roles.
    public var mayAudit: Bool { isLocal || roles.contains(.admin) }

    /// The teams in which the member may create cases.
    public var teamsToCreateIn: [String] {
        isLocal ? [""] : roles.contains(.caseManager) ? teams : []
    }
}

/// Who asks and from where: what the access log records with each read and change.
public struct Access: Sendable, Hashable {
    public let member: Member
    /// The member as the identity provider's token names them, before the admin's grants
    /// are added: what an API token keeps, so that a grant revoked later is revoked for it too.
    public let claimed: Member
    /// The peer's address.
    public let origin: String

    public init(member: Member, claimed: Member? = nil, origin: String) {
        self.member = member
        self.claimed = claimed ?? member
        self.origin = origin
    }
}

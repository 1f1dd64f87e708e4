/// The cases as one member sees them: every read and change checked against the member's
/// teams and roles and written to the access log. The pages and the JSON API reach cases
/// only through a desk, so no route can read a case without leaving a row.
public struct CaseDesk: Sendable {
    public let service: CaseService
    public let access: Access

    public init(service: CaseService, access: Access) {
        self.service = service
        self.access = access
    }

    public var member: Member { access.member }

    /// The cases the member may read, with the list logged (no case named).
    public func overview() async throws -> CaseOverview {
        let all = try await service.overview()
        try await service.store.log(.list, case: nil, by: access)
        guard !member.isLocal else { return all }
        var mine = all
        mine.cases = all.cases.filter { member.mayRead(team: $0.team) }
        return mine
    }

    /// A case the member may read, the read logged as `action` (`view` or `export`).
    /// - Throws: `CaseStoreError.notFound`; `AccessRefusal` (logged as refused).
    public func fetch(id: Int64, for action: AccessAction = .view) async throws -> StoredCase {
        let stored = try await service.fetch(id: id)
        guard member.mayRead(team: stored.team) else { throw try await refuse(id, "read") }
        try await service.store.log(action, case: id, by: access)
        return stored
    }

    /// A case and its history, logged as one view.
    public func fetchWithHistory(id: Int64) async throws -> (StoredCase, [CaseChange]) {
        let stored = try await fetch(id: id)
        return (stored, try await service.history(id: id))
    }

    /// The case as it is now, for a member about to change it: not logged as a read, since
    /// the change that follows is (or the refusal is).
    public func current(id: Int64) async throws -> StoredCase {
        let stored = try await service.fetch(id: id)
        guard member.mayChange(team: stored.team) else {
            throw try await refuse(id, member.mayRead(team: stored.team) ? "change" : "read")
        }
        return stored
    }

    /// Creates a case in `team` (the member's first team where they may create, when nil).
    public func create(label: String, facts: CaseFacts, team: String? = nil) async throws -> StoredCase {
        let teams = member.teamsToCreateIn
        let chosen = team ?? teams.first
        guard let chosen, teams.contains(chosen) else {
            try await service.store.log(.refused, case: nil, by: access)
            throw AccessRefusal(member: member, what: team.map { "create cases in team '\($0)'" } ?? "create cases")
        }
        return try await service.create(label: label, facts: facts, team: chosen, by: access)
    }

    public func save(id: Int64, version: Int, label: String, facts: CaseFacts) async throws -> StoredCase {
        _ = try await current(id: id)
        return try await service.save(id: id, version: version, label: label, facts: facts, by: access)
    }

    public func delete(id: Int64) async throws {
        _ = try await current(id: id)
        try await service.delete(id: id, by: access)
    }

    /// The meetings of a case the member has read through this desk (the read is logged
    /// with it), without reading the case a second time.
    public func meetings(of stored: StoredCase) async throws -> [Meeting] {
        guard member.mayRead(team: stored.team) else { throw try await refuse(stored.id, "read") }
        return try await service.store.meetings(ofCase: stored.id)
    }

    /// Adds or replaces a meeting of a case the member may change; logged as a change.
    public func save(_ meeting: Meeting) async throws -> Meeting {
        _ = try await current(id: meeting.caseId)
        return try await service.store.save(meeting, by: access)
    }

    /// The access log, for a member who may read it; the reading itself is logged.
    public func accessLog(_ query: AccessQuery) async throws -> [AccessEntry] {
        guard member.mayAudit else {
            try await service.store.log(.refused, case: nil, by: access)
            throw AccessRefusal(member: member, what: "read the access log")
        }
        try await service.store.log(.audit, case: query.caseId, by: access)
        return try await service.store.accessLog(query)
    }

    private func refuse(_ id: Int64, _ what: String) async throws -> AccessRefusal {
        try await service.store.log(.refused, case: id, by: access)
        return AccessRefusal(member: member, what: "\(what) case \(id)")
    }
}

/// A read or change the member's teams and roles do not allow.
public struct AccessRefusal: Error, Sendable, CustomStringConvertible {
    public let member: Member
    /// What was refused: "change case 4", "read the access log".
    public let what: String

    public var description: String {
        let roles = member.roles.map(\.rawValue).sorted().joined(separator: ", ")
        let teams = member.teams.joined(separator: ", ")
        return "\(member.name) may not \(what): your roles (\(roles.isEmpty ? "none" : roles)) in your teams (\(teams.isEmpty ? "none" : teams)) do not allow it"
    }
}

import PostgresNIO

/// A case's meetings, each saved in one transaction with a row in the access log.
extension PostgresCaseStore {
    static let meetingColumns = "id, case_id, held_on, participants, agreed, notes"

    public func save(_ meeting: Meeting, by access: Access) async throws -> Meeting {
        try await transaction { connection in
            _ = try await fetch(meeting.caseId, on: connection, lock: false)
            let now = CaseStore.timestamp()
            let participants = try CaseStore.encode(meeting.participants)
            let agreed = try CaseStore.encode(meeting.agreed)
            let rows: PostgresRowSequence
            if meeting.id == 0 {
                rows = try await connection.query("""
                    INSERT INTO case_meeting (held_on, participants, agreed, notes, updated_at, case_id)
                    VALUES (\(meeting.date.description), \(participants), \(agreed), \(meeting.notes), \(now), \(meeting.caseId)) RETURNING id
                    """, logger: logger)
            } else {
                rows = try await connection.query("""
                    UPDATE case_meeting SET held_on = \(meeting.date.description), participants = \(participants), agreed = \(agreed),
                    notes = \(meeting.notes), updated_at = \(now) WHERE id = \(meeting.id) AND case_id = \(meeting.caseId) RETURNING id
                    """, logger: logger)
            }
            var saved: Meeting?
            for try await id in rows.decode(Int64.self) {
                saved = meeting
                saved?.id = id
            }
            guard let saved else { throw CaseStoreError.notFound(id: meeting.caseId) }
            try await append(.change, case: meeting.caseId, by: access, at: now, on: connection)
            return saved
        }
    }

    public func meetings(ofCase id: Int64) async throws -> [Meeting] {
        try await read { connection in
            try await Self.meetings(connection.query("""
                SELECT \(unescaped: Self.meetingColumns) FROM case_meeting WHERE case_id = \(id) ORDER BY held_on DESC, id DESC
                """, logger: logger))
        }
    }

    public func agreedActionsDue(inCases ids: [Int64]) async throws -> [(caseId: Int64, meeting: Meeting, action: Meeting.AgreedAction)] {
        guard !ids.isEmpty else { return [] }
        let meetings = try await read { connection in
            try await Self.meetings(connection.query("""
                SELECT \(unescaped: Self.meetingColumns) FROM case_meeting WHERE case_id = ANY(\(ids))
                """, logger: logger))
        }
        return Self.dueActions(of: meetings)
    }

    static func meetings(_ rows: PostgresRowSequence) async throws -> [Meeting] {
        var meetings: [Meeting] = []
        for try await (id, caseId, heldOn, participants, agreed, notes) in rows.decode((Int64, Int64, String, String, String, String).self) {
            meetings.append(try CaseStore.meeting(id: id, caseId: caseId, heldOn: heldOn, participants: participants, agreed: agreed, notes: notes))
        }
        return meetings
    }
}

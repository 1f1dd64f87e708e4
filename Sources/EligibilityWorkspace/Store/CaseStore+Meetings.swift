import Eligibility
import Foundation
import GRDB

/// A case's meetings, each saved in one transaction with a row in the access log.
extension CaseStore {
    static func createMeetings(in db: Database) throws {
        try db.create(table: "case_meeting") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("case_id", .integer).notNull().indexed().references("patient_case", onDelete: .cascade)
            t.column("held_on", .text).notNull()
            t.column("participants", .text).notNull()
            t.column("agreed", .text).notNull()
            t.column("notes", .text).notNull()
            t.column("updated_at", .text).notNull()
        }
    }

    /// Adds a meeting to a case (`meeting.id` 0) or replaces one of its meetings.
    /// - Throws: `CaseStoreError.notFound` when the case or the meeting is gone.
    public func save(_ meeting: Meeting, by access: Access) async throws -> Meeting {
        try await pool.write { db in
            _ = try Self.fetch(meeting.caseId, in: db)
            let now = Self.timestamp()
            let arguments: StatementArguments = [meeting.date.description, try Self.encode(meeting.participants),
                                                 try Self.encode(meeting.agreed), meeting.notes, now]
            var saved = meeting
            if meeting.id == 0 {
                try db.execute(sql: """
                    INSERT INTO case_meeting (held_on, participants, agreed, notes, updated_at, case_id) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: arguments + [meeting.caseId])
                saved.id = db.lastInsertedRowID
            } else {
                try db.execute(sql: """
                    UPDATE case_meeting SET held_on = ?, participants = ?, agreed = ?, notes = ?, updated_at = ?
                    WHERE id = ? AND case_id = ?
                    """, arguments: arguments + [meeting.id, meeting.caseId])
                guard db.changesCount > 0 else { throw CaseStoreError.notFound(id: meeting.caseId) }
            }
            try AccessLog.append(.change, case: meeting.caseId, by: access, at: now, in: db)
            return saved
        }
    }

    /// The meetings of a case, the latest date first.
    public func meetings(ofCase id: Int64) async throws -> [Meeting] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM case_meeting WHERE case_id = ? ORDER BY held_on DESC, id DESC",
                             arguments: [id]).map(Self.meeting)
        }
    }

    /// Agreed actions with a due date, across the given cases, the earliest first.
    public func agreedActionsDue(inCases ids: [Int64]) async throws -> [(caseId: Int64, meeting: Meeting, action: Meeting.AgreedAction)] {
        guard !ids.isEmpty else { return [] }
        let meetings = try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM case_meeting WHERE case_id IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
                             arguments: StatementArguments(ids)).map(Self.meeting)
        }
        return Self.dueActions(of: meetings)
    }

    static func meeting(_ row: Row) throws -> Meeting {
        try meeting(id: row["id"], caseId: row["case_id"], heldOn: row["held_on"], participants: row["participants"],
                    agreed: row["agreed"], notes: row["notes"])
    }

    /// A meeting from its columns as either store keeps them (participants and actions as JSON text).
    static func meeting(id: Int64, caseId: Int64, heldOn: String, participants: String, agreed: String, notes: String) throws -> Meeting {
        guard let date = Day(iso: heldOn) else {
            throw CaseStoreError.unusable(path: "case_meeting \(id)", reason: "its date '\(heldOn)' is not a date")
        }
        var meeting = Meeting(date: date, participants: try decode([Meeting.Participant].self, participants) ?? [],
                              agreed: try decode([Meeting.AgreedAction].self, agreed) ?? [], notes: notes)
        meeting.id = id
        meeting.caseId = caseId
        return meeting
    }
}

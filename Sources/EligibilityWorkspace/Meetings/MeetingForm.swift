import Eligibility

/// A meeting as the form posts it: `date`, `notes`, and numbered rows
/// `participant_agency_0`, `participant_role_0`, `participant_name_0`, ... and
/// `agreed_what_0`, `agreed_owner_0`, `agreed_due_0`, ...; a row left empty is no row.
struct MeetingForm {
    /// Rows offered beyond those already filled in.
    static let blankRows = 3
    /// At most this many rows of each kind are read.
    static let maxRows = 60

    var meeting: Meeting?
    /// What is wrong, by field name.
    var errors: [String: String] = [:]
    /// The fields as typed, to show them again beside their errors.
    var typed: [String: String] = [:]

    init(_ form: FormBody) {
        for (name, value) in form.fields where name != CSRFGuard.fieldName { typed[name] = value }
        let dateText = Self.trimmed(form["date"])
        let date = Day(iso: dateText)
        if dateText.isEmpty {
            errors["date"] = "the meeting's date is needed (YYYY-MM-DD)"
        } else if date == nil {
            errors["date"] = "expected a date YYYY-MM-DD; found \"\(dateText)\""
        }
        var participants: [Meeting.Participant] = []
        for row in 0..<Self.maxRows {
            let agency = Self.trimmed(form["participant_agency_\(row)"])
            let role = Self.trimmed(form["participant_role_\(row)"])
            let name = Self.trimmed(form["participant_name_\(row)"])
            if agency.isEmpty && role.isEmpty && name.isEmpty { continue }
            if agency.isEmpty && name.isEmpty {
                errors["participant_agency_\(row)"] = "participant \(row + 1): give the agency or the person's name"
            }
            participants.append(Meeting.Participant(agency: agency, role: role, name: name))
        }
        var agreed: [Meeting.AgreedAction] = []
        for row in 0..<Self.maxRows {
            let what = Self.trimmed(form["agreed_what_\(row)"])
            let owner = Self.trimmed(form["agreed_owner_\(row)"])
            let dueText = Self.trimmed(form["agreed_due_\(row)"])
            if what.isEmpty && owner.isEmpty && dueText.isEmpty { continue }
            if what.isEmpty { errors["agreed_what_\(row)"] = "agreed action \(row + 1): say what was agreed" }
            if owner.isEmpty { errors["agreed_owner_\(row)"] = "agreed action \(row + 1): say who does it" }
            var due: Day?
            if !dueText.isEmpty {
                due = Day(iso: dueText)
                if due == nil { errors["agreed_due_\(row)"] = "agreed action \(row + 1): expected a due date YYYY-MM-DD; found \"\(dueText)\"" }
            }
            agreed.append(Meeting.AgreedAction(what: what, owner: owner, due: due))
        }
        let notes = form["notes"] ?? ""
        if notes.unicodeScalars.count > 20_000 { errors["notes"] = "the notes are \(notes.unicodeScalars.count) characters long; at most 20,000" }
        if errors.isEmpty, let date {
            meeting = Meeting(date: date, participants: participants, agreed: agreed, notes: notes)
        }
    }

    private static func trimmed(_ text: String?) -> String {
        (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

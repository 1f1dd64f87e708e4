import Eligibility

/// The meeting form page.
struct MeetingFormView {
    struct Participant { var index: Int; var number: Int; var agency: String; var role: String; var name: String }
    struct Agreed { var index: Int; var number: Int; var what: String; var owner: String; var due: String }

    var rulesVersion: String
    var csrf: String
    var caseId: Int64
    var caseLabel: String
    var heading: String
    var action: String
    var printLink: String?
    var printWord: String
    var date: String
    var notes: String
    var participants: [Participant]
    var agreed: [Agreed]
    var errorCount: Int?
    var errorList: [String]
    var readOnly: Bool

    /// The rows of a saved meeting (or of the posted form) and empty rows after them.
    static func participantRows(_ filled: [(String, String, String)]) -> [Participant] {
        (filled + Array(repeating: ("", "", ""), count: MeetingForm.blankRows)).enumerated().map {
            Participant(index: $0.offset, number: $0.offset + 1, agency: $0.element.0, role: $0.element.1, name: $0.element.2)
        }
    }

    static func agreedRows(_ filled: [(String, String, String)]) -> [Agreed] {
        (filled + Array(repeating: ("", "", ""), count: MeetingForm.blankRows)).enumerated().map {
            Agreed(index: $0.offset, number: $0.offset + 1, what: $0.element.0, owner: $0.element.1, due: $0.element.2)
        }
    }
}

/// The meeting at the head of the print view.
struct MeetingPrintView {
    struct Participant { var agency: String; var role: String; var name: String }
    struct Agreed { var what: String; var owner: String; var due: String }

    var heading: String
    var intro: String
    var held: Bool
    var participants: [Participant]
    var hasParticipants: Bool
    var agreed: [Agreed]
    var hasAgreed: Bool
    var notes: String?

    init(_ meeting: Meeting, caseLabel: String, today: Day) {
        held = meeting.isHeld(today: today)
        heading = held ? "Minutes: meeting on \(meeting.date)" : "Agenda: meeting on \(meeting.date)"
        intro = held
            ? "The meeting about case \(caseLabel) on \(meeting.date): who took part and what was agreed, by whom and by when."
            : "The meeting about case \(caseLabel) on \(meeting.date): who takes part and what to go through."
        participants = meeting.participants.map { Participant(agency: $0.agency, role: $0.role, name: $0.name) }
        hasParticipants = !participants.isEmpty
        agreed = meeting.agreed.map { Agreed(what: $0.what, owner: $0.owner, due: $0.due?.description ?? "no date agreed") }
        hasAgreed = !agreed.isEmpty
        notes = meeting.notes.isEmpty ? nil : meeting.notes
    }
}

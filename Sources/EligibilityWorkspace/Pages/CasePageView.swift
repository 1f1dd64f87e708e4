import Eligibility

/// Everything the case page shows.
struct CasePageView {
    struct Conflict { var given: Int; var current: Int; var fields: String }
    struct FieldProblem { var anchor: String; var message: String }
    struct HistoryItem { var at: String; var version: Int; var field: String; var old: String?; var new: String?; var by: String }

    var rulesVersion: String
    var csrf: String
    var id: Int64
    var label: String
    /// The case's team, shown when it has one (cases made with sign-in).
    var team: String?
    /// The member may read but not change the case: no save or delete buttons.
    var readOnly: Bool
    var version: Int
    /// The version the form saves over (the current one after a conflict).
    var formVersion: Int
    var updatedAt: String
    var asOf: String
    var notice: String?
    var conflict: Conflict?
    var errorCount: Int?
    var errorList: [FieldProblem]
    /// The facts as a form: the case's country's questions, the open ones first.
    var form: FactForm.Layout
    struct MeetingItem { var caseId: Int64; var meetingId: Int64; var date: String; var kind: String; var participants: Int; var agreed: Int }
    var meetings: [MeetingItem]
    var hasMeetings: Bool
    var history: [HistoryItem]
    var historyCount: Int
    // The result panel's fields (as in `ResultPanel`), read by the `result` partial.
    var report: ResultView?
    var problem: String?
    var unsaved: Bool
}

import Eligibility

/// Everything the case page shows.
struct CasePageView {
    struct Conflict { var given: Int; var current: Int; var fields: String }
    struct FieldProblem { var anchor: String; var message: String }
    struct HistoryItem { var at: String; var version: Int; var field: String; var old: String?; var new: String? }

    var rulesVersion: String
    var csrf: String
    var id: Int64
    var label: String
    var version: Int
    /// The version the form saves over (the current one after a conflict).
    var formVersion: Int
    var updatedAt: String
    var asOf: String
    var notice: String?
    var conflict: Conflict?
    var errorCount: Int?
    var errorList: [FieldProblem]
    var groups: [FactForm.Group]
    var history: [HistoryItem]
    var historyCount: Int
    // The result panel's fields (as in `ResultPanel`), read by the `result` partial.
    var report: ResultView?
    var problem: String?
    var unsaved: Bool
}

/// The result beside the form, also rendered alone for the page's script.
struct ResultPanel {
    var report: ResultView?
    var problem: String?
    var unsaved: Bool
}

/// The case list.
struct CaseListView {
    struct Row { var id: Int64; var label: String; var summary: String; var version: Int; var updatedAt: String }
    struct Changed { var id: Int64; var label: String; var entries: [Entry] }
    struct Entry { var title: String; var from: String; var to: String }
    struct Due { var caseId: Int64; var label: String; var step: Int; var does: String; var who: String; var deadline: String }

    var rulesVersion: String
    var changedNotice: String?
    var changed: [Changed]
    var cases: [Row]
    var hasCases: Bool
    var deadlines: [Due]
    var hasDeadlines: Bool
}

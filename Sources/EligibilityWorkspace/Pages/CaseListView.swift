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
    /// Actions agreed at meetings, with their due dates, the earliest first.
    struct Agreed { var caseId: Int64; var label: String; var what: String; var owner: String; var due: String; var overdue: Bool }
    var agreed: [Agreed] = []
    var hasAgreed = false
}

import Eligibility

/// The case list.
struct CaseListView {
    /// A date as the list shows it: `2026-12-07` and `Monday 7 December 2026`.
    struct DateView {
        var iso: String
        var readable: String
        /// Before today.
        var passed: Bool

        init?(_ iso: String?, today: Day) {
            guard let iso, let day = Day(iso: iso) else { return nil }
            self.iso = iso
            readable = day.readable
            passed = day < today
        }
    }

    struct Row {
        var id: Int64; var label: String; var summary: String; var version: Int; var updatedAt: String
        /// The case's next deadline, when one has a date.
        var next: DateView?
        /// The case has deadlines, none with a date.
        var undated: Bool
    }
    struct Changed { var id: Int64; var label: String; var entries: [Entry] }
    struct Entry { var title: String; var from: String; var to: String }
    struct Due {
        var caseId: Int64; var label: String; var step: Int?; var does: String; var who: String; var deadline: String
        var date: DateView?; var from: String?
    }

    var rulesVersion: String
    var changedNotice: String?
    var changed: [Changed]
    var cases: [Row]
    var hasCases: Bool
    /// The cases are in the order of their next deadline (else the most recently changed first).
    var byDeadline: Bool
    var deadlines: [Due]
    var hasDeadlines: Bool
    /// Actions agreed at meetings, with their due dates, the earliest first.
    struct Agreed { var caseId: Int64; var label: String; var what: String; var owner: String; var due: String; var overdue: Bool }
    var agreed: [Agreed] = []
    var hasAgreed = false
}

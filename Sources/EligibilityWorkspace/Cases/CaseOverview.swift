/// The case list: every case, which ones the last change of the rules moved, and the
/// deadlines that apply to each, with dates where they have them.
public struct CaseOverview: Sendable {
    /// A dated step of one case's plan.
    public struct Due: Sendable, Hashable {
        public var caseId: Int64
        public var label: String
        public var step: CaseEvaluation.DueStep
    }

    public var cases: [StoredCase]
    /// The version of the rules in force.
    public var rulesVersion: String

    public init(cases: [StoredCase], rulesVersion: String) {
        self.cases = cases
        self.rulesVersion = rulesVersion
    }

    /// Cases whose statuses moved when the rules in force were loaded.
    public var changedUnderCurrentRules: [StoredCase] {
        cases.filter { $0.statusChange?.rulesVersion == rulesVersion }
    }

    /// Every deadline that applies to a case (`PlanDeadlines`): those with a date by date,
    /// the earliest first; then those that are words alone, case by case (most recently
    /// changed case first) in plan order.
    public var deadlines: [Due] {
        let all = cases.flatMap { stored in
            (stored.evaluation?.dueSteps ?? []).map { Due(caseId: stored.id, label: stored.label, step: $0) }
        }
        let dated = all.enumerated().filter { $0.element.step.due != nil }
            .sorted { ($0.element.step.due ?? "", $0.offset) < ($1.element.step.due ?? "", $1.offset) }.map(\.element)
        return dated + all.filter { $0.step.due == nil }
    }

    /// The earliest date a deadline of the case falls on, `YYYY-MM-DD`.
    public static func nextDeadline(of stored: StoredCase) -> String? {
        (stored.evaluation?.dueSteps ?? []).compactMap(\.due).min()
    }

    /// How the list is ordered.
    public enum Order: String, Sendable {
        /// The most recently changed first (as stored).
        case changed
        /// The case whose next deadline comes first; cases with deadlines without a date,
        /// then cases with none, after them (each most recently changed first).
        case deadline
    }

    /// The cases in `order`.
    public func cases(in order: Order) -> [StoredCase] {
        switch order {
        case .changed: return cases
        case .deadline:
            func rank(_ stored: StoredCase) -> (Int, String) {
                if let next = Self.nextDeadline(of: stored) { return (0, next) }
                return ((stored.evaluation?.dueSteps ?? []).isEmpty ? 2 : 1, "")
            }
            return cases.enumerated().sorted { a, b in
                let (x, y) = (rank(a.element), rank(b.element))
                return (x.0, x.1, a.offset) < (y.0, y.1, b.offset)
            }.map(\.element)
        }
    }
}

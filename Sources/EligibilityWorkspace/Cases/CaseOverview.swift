/// The case list: every case, which ones the last change of the rules moved, and the
/// steps with deadlines across all cases.
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

    /// Every plan step with a deadline, case by case (most recently changed case first),
    /// in plan order. Deadlines are the rules' words ("within 8 working days"), not dates.
    public var deadlines: [Due] {
        cases.flatMap { stored in
            (stored.evaluation?.dueSteps ?? []).map { Due(caseId: stored.id, label: stored.label, step: $0) }
        }
    }
}

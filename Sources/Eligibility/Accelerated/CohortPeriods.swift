/// A rule library's periods (`RulePeriods`) flattened for the cohort engine, each program
/// with its cones. Rules without dated criteria have one.
struct CohortPeriods: Sendable {
    let starts: [Day]
    let programs: [CohortProgram]
    let cones: [ServiceCones]

    init(_ periods: RulePeriods) {
        starts = periods.starts
        programs = periods.programs.map(CohortProgram.init)
        cones = programs.map { ServiceCones($0) }
    }

    /// What every period shares: facts, items, vocabulary.
    var layout: CohortProgram { programs[0] }

    /// A worker's own evaluators, one per period: the first period's active, the others parked.
    /// - Parameter sharedFrom: per service, the service of another evaluator whose outcome
    ///   it takes (rules with one period only).
    func evaluators(sharedFrom: [Int]? = nil) -> (active: CohortEvaluator, parked: ParkedPeriods) {
        let all = zip(programs, cones).map { rules, cones in
            CohortEvaluator(rules: rules.privateCopy(), cones: cones.privateCopy(), sharedFrom: sharedFrom)
        }
        return (all[0], ParkedPeriods(starts: starts.map { $0 }, parked: all))
    }
}

/// The evaluators of a worker's periods other than the active one. The worker keeps the
/// active evaluator as a plain stored property (the loop reaches it with no indirection)
/// and swaps it with a parked one when a line's date falls in another period; rules
/// without dated criteria never swap.
struct ParkedPeriods {
    private let starts: [Day]
    /// Per period its evaluator, except at `active`: a stand-in never evaluated (a copy of
    /// the first period's, from before it was first used).
    private var parked: [CohortEvaluator]
    private var active = 0

    init(starts: [Day], parked: [CohortEvaluator]) {
        self.starts = starts
        self.parked = parked
    }

    /// Makes `evaluator` the evaluator of the period `day` falls in.
    @inline(__always)
    mutating func choose(_ day: Day, _ evaluator: inout CohortEvaluator) {
        guard !starts.isEmpty else { return }
        var period = 0
        while period < starts.count && starts[period] <= day { period += 1 }
        guard period != active else { return }
        swap(&evaluator, &parked[period])
        parked.swapAt(period, active)
        active = period
    }
}

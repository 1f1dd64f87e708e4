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

    /// A worker's own evaluators, one per period.
    /// - Parameter sharedFrom: per service, the service of another evaluator whose outcome
    ///   it takes (rules with one period only).
    func evaluators(sharedFrom: [Int]? = nil) -> PeriodEvaluators {
        PeriodEvaluators(starts: starts.map { $0 }, all: zip(programs, cones).map { rules, cones in
            CohortEvaluator(rules: rules.privateCopy(), cones: cones.privateCopy(), sharedFrom: sharedFrom)
        })
    }
}

/// A worker's evaluators of one rule library, one per period, and the one of the current
/// patient's evaluation date (`choose(_:)`).
struct PeriodEvaluators {
    private let starts: [Day]
    private var all: [CohortEvaluator]
    private var chosen = 0

    init(starts: [Day], all: [CohortEvaluator]) {
        self.starts = starts
        self.all = all
    }

    /// Makes the evaluator of the period `day` falls in the current one.
    @inline(__always)
    mutating func choose(_ day: Day) {
        guard !starts.isEmpty else { return }
        var period = 0
        while period < starts.count && starts[period] <= day { period += 1 }
        chosen = period
    }

    var current: CohortEvaluator {
        _read { yield all[chosen] }
        _modify { yield &all[chosen] }
    }
}

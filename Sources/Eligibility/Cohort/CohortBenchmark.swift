import Foundation

/// Times the cohort evaluator (outcome caches included) over patients already in slot
/// form, for the benchmark's "evaluation alone" figure.
public func benchCached(_ program: Program, _ patients: [([SlotValue], Day)]) -> Double {
    var evaluator = CohortEvaluator(program: program)
    let start = DispatchTime.now().uptimeNanoseconds
    var sum = 0
    for (slots, day) in patients {
        evaluator.evaluate(slots, asOf: day)
        sum &+= Int(evaluator.status(0))
    }
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return sum == -1 ? 0 : elapsed
}

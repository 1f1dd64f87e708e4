import Foundation

/// Timings the benchmark needs from inside the library.
public enum CohortBenchmark: Sendable {
    /// Seconds the cohort evaluator (outcome caches included) takes over patients already
    /// in slot form: the benchmark's "evaluation alone" figure.
    public static func cachedEvaluation(_ program: Program, _ patients: [([SlotValue], Day)]) -> Double {
        var evaluator = CohortEvaluator(program: program)
        let start = DispatchTime.now().uptimeNanoseconds
        var sum = 0
        for (slots, day) in patients {
            evaluator.evaluate(slots, asOf: day)
            sum &+= Int(evaluator.status(0))
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        // The sum keeps the work from being optimised away.
        return sum == -1 ? 0 : elapsed
    }
}

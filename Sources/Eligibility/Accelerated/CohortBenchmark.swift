import Foundation

/// Timings the benchmark needs from inside the cohort engine.
package enum CohortBenchmark: Sendable {
    /// Seconds the cohort engine's full evaluation takes over patients already in slot
    /// form, every item evaluated for every patient (no outcome caches).
    package static func fullEvaluation(_ program: Program, _ patients: [([SlotValue], Day)]) -> Double {
        var evaluation = FullEvaluation(rules: CohortProgram(program))
        let everything = Array(repeating: true, count: program.items.count)
        var sum = 0
        let start = DispatchTime.now().uptimeNanoseconds
        for (slots, day) in patients {
            slots.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                evaluation.load(inputs: base, count: buffer.count, asOf: day)
                evaluation.prepare()
                evaluation.finish(only: everything)
                sum &+= evaluation.verdicts(missingFacts: false).count
            }
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        // The sum keeps the work from being optimised away.
        return sum == -1 ? 0 : elapsed
    }

    /// Seconds the cohort evaluator (outcome caches included) takes over patients already
    /// in slot form: the benchmark's "evaluation alone" figure.
    package static func cachedEvaluation(_ program: Program, _ patients: [([SlotValue], Day)]) -> Double {
        var evaluator = CohortEvaluator(rules: CohortProgram(program))
        var sum = 0
        let start = DispatchTime.now().uptimeNanoseconds
        for (slots, day) in patients {
            slots.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                evaluator.evaluate(base, count: buffer.count, asOf: day)
                sum &+= Int(evaluator.status(0).rawValue)
            }
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return sum == -1 ? 0 : elapsed
    }

    /// Seconds to read every line of a cohort file into fact slots, one thread, nothing
    /// evaluated: how much of a run parsing JSON Lines takes. Also returns the line count.
    package static func parsing(_ path: String, vocabulary: Vocabulary) throws -> (seconds: Double, lines: Int) {
        var reader = CohortPatientReader(vocabulary: vocabulary, file: path)
        guard let data = FileManager.default.contents(atPath: path) else { throw CohortError.cannotOpen(path) }
        let bytes = [UInt8](data)
        var lines = 0
        var known = 0
        let start = DispatchTime.now().uptimeNanoseconds
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var i = 0
            while i < buffer.count {
                let e = CohortReader.lineEnd(base, i, buffer.count)
                if case .patient = reader.read(base, i, e) { known &+= reader.slotCount }
                lines += 1
                i = e + 1
            }
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return (known == -1 ? 0 : elapsed, lines)
    }
}

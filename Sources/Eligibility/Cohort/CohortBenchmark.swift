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
            slots.withUnsafeBufferPointer { evaluator.evaluate($0.baseAddress!, count: $0.count, asOf: day) }
            sum &+= Int(evaluator.status(0))
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        // The sum keeps the work from being optimised away.
        return sum == -1 ? 0 : elapsed
    }

    /// Seconds to read every line of a cohort file into fact slots, one thread, nothing
    /// evaluated: how much of a run parsing JSON Lines takes. Also returns the line count.
    public static func parsing(_ path: String, vocabulary: Vocabulary) throws -> (seconds: Double, lines: Int) {
        let parser = CohortLineParser(vocabulary: vocabulary)
        var reader = CohortPatientReader(vocabulary: vocabulary, parser: parser, file: path)
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

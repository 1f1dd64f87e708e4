import Foundation

/// Evaluates a cohort under one rule set and writes one JSON line per patient: the id,
/// the line it came from, and the status of each service of the patient's jurisdiction.
public struct CohortCheck: Sendable {
    public let program: Program
    /// The program's cones, worked out once; each worker takes a copy of its own.
    let cones: ServiceCones

    public init(library: RuleLibrary) {
        program = Program(library)
        cones = ServiceCones(program)
    }

    public struct Summary: Sendable {
        public var linesRead = 0
        public var evaluated = 0
        public var badLines: [DiffReport.BadLine] = []
        public var rejected: Int { badLines.count }
    }

    struct Worker {
        var reader: CohortPatientReader
        var evaluator: CohortEvaluator
        /// Per service: `"id":"` as bytes, ready to be written.
        let keys: [[UInt8]]
        /// The worker's own copy of `statusValues` (a shared array's reference count would
        /// bounce between the cores).
        let statusValues: [[UInt8]] = CohortCheck.statusValues.map { $0.map { $0 } }
    }

    /// Per status: its name and the closing quote, as bytes.
    static let statusValues: [[UInt8]] = Status.allCases.map { Array($0.rawValue.utf8) + [UInt8(ascii: "\"")] }

    struct Partial: Sendable {
        var lines = 0
        var evaluated = 0
        var bad: [DiffReport.BadLine] = []
        var output: [UInt8] = []
        /// How much output the lines before the first bad line made.
        var outputBeforeBad: Int?
    }

    /// - Parameters:
    ///   - write: receives output in file order.
    ///   - badLine: called for each bad line as it is merged (with its absolute line number).
    /// - Throws: `CohortLineError` at the first bad line when `strict`.
    /// - Parameter fixedDate: when set, every line is evaluated on it, whatever its `as_of` says.
    public func run(_ path: String, defaultDate: Day = .today, fixedDate: Day? = nil, strict: Bool = false,
                    workers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount),
                    write: ([UInt8]) -> Void, badLine: (DiffReport.BadLine) -> Void) throws -> Summary {
        let program = self.program, cones = self.cones
        let states = Disjoint(count: workers) {
            // Each worker has storage of its own (see `CohortDiff.worker`).
            Worker(reader: CohortPatientReader(vocabulary: program.vocabulary, parser: CohortLineParser(vocabulary: program.vocabulary), file: path),
                   evaluator: CohortEvaluator(program: program.privateCopy(), cones: cones.privateCopy()),
                   keys: program.items.prefix(program.serviceCount).map { Array(JSONWriter.quote($0.id).utf8) + Array(":\"".utf8) })
        }
        let partials = PartialStore<Partial>()
        var summary = Summary()
        try CohortReader(path: path, workers: workers).run(work: { w, c, chunk in
            var partial = Partial()
            self.process(chunk, states[w], &partial, fixedDate ?? defaultDate, fixed: fixedDate != nil)
            partials.put(c, partial)
        }, merge: { c in
            guard let partial = partials.take(c) else { return }
            let offset = summary.linesRead
            if strict, let first = partial.bad.first {
                // The patients before the bad line are still written.
                write(Array(partial.output.prefix(partial.outputBeforeBad ?? 0)))
                var line = first
                line.line += offset
                throw CohortLineError(file: path, line: line)
            }
            summary.linesRead += partial.lines
            summary.evaluated += partial.evaluated
            for bad in partial.bad {
                var line = bad
                line.line += offset
                summary.badLines.append(line)
                badLine(line)
            }
            write(partial.output)
        })
        return summary
    }

    private func process(_ chunk: CohortReader.Chunk, _ state: UnsafeMutablePointer<Worker>, _ partial: inout Partial,
                         _ defaultDate: Day, fixed: Bool) {
        var i = chunk.start
        let base = chunk.base
        while i < chunk.end {
            let e = CohortReader.lineEnd(base, i, chunk.end)
            partial.lines += 1
            switch state.pointee.reader.read(base, i, e) {
            case .bad(let column, let message):
                partial.bad.append(DiffReport.BadLine(line: partial.lines, column: column, message: message))
                if partial.outputBeforeBad == nil { partial.outputBeforeBad = partial.output.count }
            case .patient(let header):
                partial.evaluated += 1
                state.pointee.evaluator.evaluate(state.pointee.reader.slots, count: state.pointee.reader.slotCount,
                                                 asOf: fixed ? defaultDate : header.asOf ?? defaultDate)
                partial.output.append(contentsOf: #"{"id":"#.utf8)
                if let id = state.pointee.reader.slowId {
                    partial.output.append(contentsOf: JSONWriter.quote(id).utf8)
                } else {
                    // The fast reader only takes ids without escapes or control characters:
                    // their bytes are already valid inside JSON quotes.
                    partial.output.append(UInt8(ascii: "\""))
                    partial.output.append(contentsOf: UnsafeBufferPointer(start: base + header.idStart, count: max(0, header.idEnd - header.idStart)))
                    partial.output.append(UInt8(ascii: "\""))
                }
                partial.output.append(contentsOf: #","line":"#.utf8)
                partial.output.append(contentsOf: String(partial.lines).utf8)
                partial.output.append(contentsOf: #","statuses":{"#.utf8)
                var first = true
                let statuses = state.pointee.evaluator.statuses
                for item in 0..<state.pointee.keys.count {
                    let status = Int(statuses[item])
                    guard status < state.pointee.statusValues.count else { continue }
                    if !first { partial.output.append(UInt8(ascii: ",")) }
                    first = false
                    partial.output.append(contentsOf: state.pointee.keys[item])
                    partial.output.append(contentsOf: state.pointee.statusValues[status])
                }
                partial.output.append(contentsOf: "}}\n".utf8)
            }
            i = e + 1
        }
    }
}

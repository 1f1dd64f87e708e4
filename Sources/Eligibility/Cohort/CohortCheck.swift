import Foundation

/// Evaluates a cohort under one rule set and writes one JSON line per patient: the id,
/// the line it came from, and the status of each service of the patient's jurisdiction.
public struct CohortCheck: Sendable {
    /// The rules per period of their dated criteria (one without dates), each with its
    /// cones, worked out once; each worker takes copies of its own.
    let rules: CohortPeriods

    public init(library: RuleLibrary) {
        rules = CohortPeriods(RulePeriods(library))
    }

    public struct Summary: Sendable {
        public var linesRead = 0
        public var evaluated = 0
        public var badLines: [DiffReport.BadLine] = []
        public var rejected: Int { badLines.count }
    }

    /// Per worker: a line reader, an evaluator, and the output's fixed parts as bytes.
    struct Worker {
        var reader: CohortPatientReader
        /// The evaluator of the current patient's period, and the other periods'.
        var evaluator: CohortEvaluator
        var periods: ParkedPeriods
        /// Per service: `"id":"` as bytes, ready to be written.
        let keys: [[UInt8]]
        /// Per status (by raw value): its name and the closing quote.
        let statusValues: [[UInt8]] = CohortStatus.allCases.map { Array($0.name.utf8) + [UInt8(ascii: "\"")] }
    }

    /// What one chunk adds up to. Line numbers are counted within the chunk; the merge
    /// adds the lines before it (`lineNumbers` says where in `output` they go).
    struct Partial: Sendable {
        var lines = 0
        var evaluated = 0
        var bad: [DiffReport.BadLine] = []
        var output: [UInt8] = []
        /// Where each patient's line number goes in `output`, and the number within the chunk.
        var lineNumbers: [(at: Int, line: Int)] = []
        /// How much output the lines before the first bad line made.
        var outputBeforeBad: Int?
    }

    /// - Parameters:
    ///   - fixedDate: when set, every line is evaluated on it, whatever its `as_of` says.
    ///   - format: how the file is written (default: as its name says, `CohortFormat(path:)`).
    ///   - write: receives output in file order.
    ///   - badLine: called for each bad line as it is merged (with its line number in the file).
    /// - Throws: `CohortLineError` at the first bad line when `strict`, and at a CSV
    ///   header's problem; `CohortError` when the file cannot be read.
    public func run(_ path: String, format: CohortFormat? = nil, defaultDate: Day = .today, fixedDate: Day? = nil, strict: Bool = false,
                    workers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount), chunkBytes: Int = 1 << 20,
                    write: ([UInt8]) -> Void, badLine: (DiffReport.BadLine) -> Void) throws -> Summary {
        let rules = self.rules, program = rules.layout.program
        var summary = Summary()
        var reader = CohortReader(path: path, workers: workers)
        reader.chunkBytes = chunkBytes
        let csv = (format ?? CohortFormat(path: path)) == .csv
            ? try CSVHeader(try reader.readFirstLine(), file: path, vocabulary: program.vocabulary) : nil
        // Line numbers count the header too.
        let linesBefore = csv == nil ? 0 : 1
        try reader.run(makeWorker: {
            let evaluators = rules.evaluators()
            return Worker(reader: CohortPatientReader(vocabulary: program.vocabulary, file: path, defaultDate: defaultDate, fixedDate: fixedDate, csv: csv),
                   evaluator: evaluators.active, periods: evaluators.parked,
                   keys: program.items.prefix(program.serviceCount).map { Array(JSONWriter.quote($0.id).utf8) + Array(":\"".utf8) })
        }, work: { worker, chunk in
            var partial = Partial()
            Self.process(chunk, &worker, &partial)
            return partial
        }, merge: { partial in
            let offset = summary.linesRead + linesBefore
            if strict, let first = partial.bad.first {
                // The patients before the bad line are still written.
                write(Self.numbered(partial, upTo: partial.outputBeforeBad ?? 0, after: offset))
                throw CohortLineError(file: path, line: DiffReport.BadLine(line: first.line + offset, column: first.column, message: first.message))
            }
            summary.linesRead += partial.lines
            summary.evaluated += partial.evaluated
            for bad in partial.bad {
                let line = DiffReport.BadLine(line: bad.line + offset, column: bad.column, message: bad.message)
                summary.badLines.append(line)
                badLine(line)
            }
            write(Self.numbered(partial, upTo: partial.output.count, after: offset))
        })
        return summary
    }

    /// The chunk's output up to byte `end`, with the line numbers of the file put in.
    private static func numbered(_ partial: Partial, upTo end: Int, after offset: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(end + partial.lineNumbers.count * 8)
        var from = 0
        for (at, line) in partial.lineNumbers where at <= end {
            out.append(contentsOf: partial.output[from..<at])
            out.append(contentsOf: String(offset + line).utf8)
            from = at
        }
        out.append(contentsOf: partial.output[from..<end])
        return out
    }

    private static func process(_ chunk: CohortReader.Chunk, _ worker: inout Worker, _ partial: inout Partial) {
        var i = chunk.start
        let base = chunk.base
        while i < chunk.end {
            let e = CohortReader.lineEnd(base, i, chunk.end)
            partial.lines += 1
            switch worker.reader.read(base, i, e) {
            case .bad(let column, let message):
                partial.bad.append(DiffReport.BadLine(line: partial.lines, column: column, message: message))
                if partial.outputBeforeBad == nil { partial.outputBeforeBad = partial.output.count }
            case .patient(let header):
                partial.evaluated += 1
                let day = worker.reader.evaluationDate(header)
                worker.periods.choose(day, &worker.evaluator)
                worker.evaluator.evaluate(worker.reader.slots, count: worker.reader.slotCount, asOf: day)
                partial.output.append(contentsOf: #"{"id":"#.utf8)
                if let id = worker.reader.slowId {
                    partial.output.append(contentsOf: JSONWriter.quote(id).utf8)
                } else {
                    // The fast reader only takes ids of printable ASCII without escapes:
                    // their bytes are already valid inside JSON quotes.
                    partial.output.append(UInt8(ascii: "\""))
                    partial.output.append(contentsOf: UnsafeBufferPointer(start: base + header.idStart, count: max(0, header.idEnd - header.idStart)))
                    partial.output.append(UInt8(ascii: "\""))
                }
                partial.output.append(contentsOf: #","line":"#.utf8)
                partial.lineNumbers.append((partial.output.count, partial.lines))
                partial.output.append(contentsOf: #","statuses":{"#.utf8)
                var first = true
                let statuses = worker.evaluator.statuses
                for item in 0..<worker.keys.count where statuses[item] != .notEvaluated {
                    if !first { partial.output.append(UInt8(ascii: ",")) }
                    first = false
                    partial.output.append(contentsOf: worker.keys[item])
                    partial.output.append(contentsOf: worker.statusValues[Int(statuses[item].rawValue)])
                }
                partial.output.append(contentsOf: "}}\n".utf8)
            }
            i = e + 1
        }
    }
}

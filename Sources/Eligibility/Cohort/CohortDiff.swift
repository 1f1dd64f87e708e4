import Foundation

/// Evaluates every patient of a cohort under the current and the proposed rules.
public struct CohortDiff: Sendable {
    public let base: Program
    public let proposed: Program
    public let services: [String]
    /// Per service column: its item under the current rules, then (after all columns)
    /// under the proposed rules, or -1 where that rule set lacks the service.
    let columnItems: [Int32]
    /// Per service column: the jurisdiction symbol of its service, or -1 when it has none
    /// (or its country differs between the rule sets): a column of another country than a
    /// patient's is "not evaluated" for that patient under both rule sets.
    let columnCountry: [Int64]
    /// Per proposed service: the base service whose outcome it shares (its rules and
    /// everything they depend on are unchanged), or -1.
    let sharedWithBase: [Int]
    /// Each rule set's cones, worked out once; each worker takes a copy of its own.
    let baseCones: ServiceCones
    let proposedCones: ServiceCones

    public init(base: RuleLibrary, proposed: RuleLibrary) throws(LoadFailure) {
        let vocabulary = try Vocabulary([base, proposed])
        self.base = Program(base, vocabulary: vocabulary)
        self.proposed = Program(proposed, vocabulary: vocabulary)
        var ids: [String] = []
        for program in [self.base, self.proposed] {
            for item in program.items.prefix(program.serviceCount) where !ids.contains(item.id) { ids.append(item.id) }
        }
        services = ids
        let programs = [self.base, self.proposed]
        let columnItems = programs.flatMap { program in
            ids.map { id in program.item(id).flatMap { $0 < program.serviceCount ? Int32($0) : nil } ?? -1 }
        }
        self.columnItems = columnItems
        let width = ids.count
        columnCountry = ids.indices.map { column in
            let countries = programs.indices.compactMap { p -> Int64? in
                let item = Int(columnItems[p * width + column])
                return item >= 0 ? programs[p].hotItems[item].jurisdiction : nil
            }
            return Set(countries).count == 1 ? countries[0] : -1
        }
        let baseCones = ServiceCones(self.base)
        let proposedCones = ServiceCones(self.proposed)
        self.baseCones = baseCones
        self.proposedCones = proposedCones
        let baseProgram = self.base
        let proposedProgram = self.proposed
        let baseItems = baseProgram.itemIdentities()
        let proposedItems = proposedProgram.itemIdentities()
        sharedWithBase = (0..<proposedProgram.serviceCount).map { s in
            guard let b = baseProgram.item(proposedProgram.items[s].id), b < baseProgram.serviceCount,
                  baseProgram.coneIdentity(baseCones.items[b], itemIdentities: baseItems)
                    == proposedProgram.coneIdentity(proposedCones.items[s], itemIdentities: proposedItems) else { return -1 }
            return b
        }
    }

    /// A worker's own reader and evaluators. Nothing in them shares storage with another
    /// worker: reference counts of shared arrays would bounce between cores on every patient.
    func worker(file: String, sharing: Bool, groupings: [FactGrouping]) -> Worker {
        let proposedEvaluator = CohortEvaluator(program: proposed.privateCopy(), cones: proposedCones.privateCopy(),
                                                sharedFrom: sharing ? sharedWithBase : nil)
        return Worker(reader: CohortPatientReader(vocabulary: base.vocabulary, parser: CohortLineParser(vocabulary: base.vocabulary), file: file),
                      evaluators: EvaluatorPair(CohortEvaluator(program: base.privateCopy(), cones: baseCones.privateCopy()), proposedEvaluator),
                      items: OwnedBuffer(columnItems), columnCountry: columnCountry.map { $0 }, services: services.map { String(decoding: Array($0.utf8), as: UTF8.self) },
                      readers: groupings.map(GroupReader.init), groupsNow: Array(repeating: 0, count: groupings.count))
    }

    public struct Options: Sendable {
        public var examples = 5
        public var strict = false
        /// The date for lines without `as_of`.
        public var defaultDate = Day.today
        /// When set, every line is evaluated on this date, whatever its `as_of` says.
        public var fixedDate: Day?
        public var workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        /// Bytes of input a worker takes at a time (small values exercise the chunking in tests).
        public var chunkBytes = 1 << 20
        /// Take the outcome of services whose rules did not change from the current rules
        /// instead of evaluating them again (the same answer, faster).
        public var shareUnchanged = true
        /// Facts to break the figures down by (`FactGrouping`): yes/no or one-of facts, or age_band.
        public var by: [String] = []
        public init() {}
    }

    /// Per worker: a line reader and one evaluator per rule set.
    struct Worker {
        var reader: CohortPatientReader
        /// The current and the proposed rules' evaluators, at stable addresses so that
        /// reading them never copies them.
        var evaluators: EvaluatorPair
        /// Per service column: its item under the current rules, then under the proposed, or -1.
        let items: OwnedBuffer<Int32>
        /// The worker's own copies of `CohortDiff.columnCountry` and `services` (reading
        /// the shared ones from two threads would bounce their reference counts between cores).
        let columnCountry: [Int64]
        let services: [String]
        /// Per jurisdiction symbol met so far (`countries`): the columns that can hold a
        /// status for its patients; every other column is "not evaluated" under both rules.
        var countries: [Int64] = []
        var countryColumns: [OwnedBuffer<Int32>] = []
        /// The same columns as pointers and counts (reading them costs no reference counting).
        var countryColumnList: [(columns: UnsafeMutablePointer<Int32>, count: Int)] = []
        /// One reader per `--by` fact, and the current patient's group of each (numbered as in `BreakdownTally`).
        var readers: [GroupReader]
        var groupsNow: [Int]

        /// The index of country `j` in `countries`, added with its columns when new.
        mutating func country(_ j: Int64) -> Int {
            if let known = countries.firstIndex(of: j) { return known }
            countries.append(j)
            let columns = OwnedBuffer(columnCountry.indices.filter { columnCountry[$0] == -1 || columnCountry[$0] == j }.map(Int32.init))
            countryColumns.append(columns)
            countryColumnList.append((columns.pointer, columns.count))
            return countries.count - 1
        }
    }

    /// What one chunk adds up to.
    struct Partial: Sendable {
        var lines = 0
        var evaluated = 0
        /// Patients for whom some service's status changes.
        var changed = 0
        var bad: [DiffReport.BadLine] = []
        var transitions: [Int]
        /// Example patient ids by transition (`service * 49 + from * 7 + to`).
        var examples: [Int: [String]] = [:]
        var deadlocks: [String: DiffReport.DeadlockChange] = [:]
        var breakdown: BreakdownTally
    }

    /// The grouping of patients by a fact: as the current rules define it, else the proposed.
    func grouping(_ fact: String) throws(LoadFailure) -> FactGrouping {
        do {
            return try FactGrouping(fact, program: base)
        } catch {
            guard (try? FactGrouping(fact, program: proposed)) != nil else { throw error }
            return try FactGrouping(fact, program: proposed)
        }
    }

    public func run(_ path: String, options: Options = Options(), progress: (@Sendable (Int) -> Void)? = nil) throws -> DiffReport {
        let width = services.count
        let groupings = try options.by.map { fact throws(LoadFailure) in try grouping(fact) }
        let groupCounts = groupings.map(\.names.count)
        var breakdown = BreakdownTally(groupCounts: groupCounts, width: width)
        let workers = Disjoint(count: options.workers) { self.worker(file: path, sharing: options.shareUnchanged, groupings: groupings) }
        let partials = PartialStore<Partial>()
        var report = DiffReport(file: path, services: services,
                                baseCounts: Array(repeating: Array(repeating: 0, count: 7), count: width),
                                proposedCounts: Array(repeating: Array(repeating: 0, count: 7), count: width),
                                transitions: Array(repeating: Array(repeating: Array(repeating: 0, count: 7), count: 7), count: width),
                                examples: [:], deadlocks: [])
        var deadlocks: [String: DiffReport.DeadlockChange] = [:]
        var order: [String] = []
        let examples = options.examples
        let defaultDate = options.defaultDate
        let fixedDate = options.fixedDate
        var reader = CohortReader(path: path, workers: options.workers)
        reader.chunkBytes = options.chunkBytes
        try reader.run(work: { w, c, chunk in
            let worker = workers[w]
            var partial = Partial(transitions: Array(repeating: 0, count: width * 49),
                                  breakdown: BreakdownTally(groupCounts: groupCounts, width: width))
            self.process(chunk, worker: worker, into: &partial, examples: examples, defaultDate: defaultDate, fixedDate: fixedDate)
            partials.put(c, partial)
        }, merge: { c in
            guard let partial = partials.take(c) else { return }
            let offset = report.linesRead
            report.linesRead += partial.lines
            report.evaluated += partial.evaluated
            report.patientsChanged += partial.changed
            if !breakdown.isEmpty { breakdown.add(partial.breakdown) }
            report.rejected += partial.bad.count
            for bad in partial.bad where report.badLines.count < 1000 {
                report.badLines.append(DiffReport.BadLine(line: bad.line + offset, column: bad.column, message: bad.message))
            }
            if options.strict, let first = partial.bad.first {
                throw CohortLineError(file: path, line: DiffReport.BadLine(line: first.line + offset, column: first.column, message: first.message))
            }
            for s in 0..<width {
                for from in 0..<7 {
                    for to in 0..<7 {
                        let n = partial.transitions[s * 49 + from * 7 + to]
                        guard n > 0 else { continue }
                        report.transitions[s][from][to] += n
                        report.baseCounts[s][from] += n
                        report.proposedCounts[s][to] += n
                    }
                }
            }
            for (transition, ids) in partial.examples.sorted(by: { $0.key < $1.key }) {
                let key = DiffReport.exampleKey(services[transition / 49], transition / 7 % 7, transition % 7)
                let have = report.examples[key, default: []]
                if have.count < examples { report.examples[key] = have + ids.prefix(examples - have.count) }
            }
            for (key, change) in partial.deadlocks.sorted(by: { $0.key < $1.key }) {
                if deadlocks[key] == nil { order.append(key); deadlocks[key] = DiffReport.DeadlockChange(cycle: key, base: 0, proposed: 0, gained: 0, lost: 0) }
                deadlocks[key]?.base += change.base
                deadlocks[key]?.proposed += change.proposed
                deadlocks[key]?.gained += change.gained
                deadlocks[key]?.lost += change.lost
            }
            progress?(report.linesRead)
        })
        report.breakdowns = breakdown.breakdowns(groupings)
        report.deadlocks = order.compactMap { deadlocks[$0] }.sorted { ($0.gained + $0.lost, $0.base) > ($1.gained + $1.lost, $1.base) }
        return report
    }

    private func process(_ chunk: CohortReader.Chunk, worker: UnsafeMutablePointer<Worker>, into partial: inout Partial,
                         examples: Int, defaultDate: Day, fixedDate: Day?) {
        let width = services.count
        let ev = worker.pointee.evaluators.pointer
        let items = worker.pointee.items.pointer
        let jurisdictionSlot = base.jurisdictionSlot
        let slots = worker.pointee.reader.slots, slotCount = worker.pointee.reader.slotCount
        // Patients per country: the columns of other countries are counted for them at the end.
        var perCountry: [Int] = []
        var transitions = partial.transitions
        transitions.withUnsafeMutableBufferPointer { counts in
            var i = chunk.start
            let base = chunk.base
            while i < chunk.end {
                let e = CohortReader.lineEnd(base, i, chunk.end)
                partial.lines += 1
                switch worker.pointee.reader.read(base, i, e) {
                case .bad(let column, let message):
                    partial.bad.append(DiffReport.BadLine(line: partial.lines, column: column, message: message))
                case .patient(let header):
                    partial.evaluated += 1
                    let day = fixedDate ?? header.asOf ?? defaultDate
                    ev[0].evaluate(slots, count: slotCount, asOf: day)
                    ev[1].evaluate(slots, count: slotCount, asOf: day)
                    ev[1].share(from: ev)
                    let jurisdiction = jurisdictionSlot >= 0 ? slots[jurisdictionSlot] : .unknown
                    let j: Int64 = jurisdiction.isKnown ? jurisdiction.bits : -2
                    let country = worker.pointee.country(j)
                    if country >= perCountry.count { perCountry += Array(repeating: 0, count: country + 1 - perCountry.count) }
                    perCountry[country] += 1
                    let columns = worker.pointee.countryColumnList[country]
                    let current = ev[0].statuses, proposed = ev[1].statuses
                    var notable = false
                    for k in 0..<columns.count {
                        let s = Int(columns.columns[k])
                        let a = Int(items[s]), b = Int(items[width + s])
                        let from = a >= 0 ? Int(current[a]) : 6
                        let to = b >= 0 ? Int(proposed[b]) : 6
                        counts[s * 49 + from * 7 + to] += 1
                        notable = notable || from != to || from == 5 || to == 5
                    }
                    if !worker.pointee.readers.isEmpty { tally(worker, columns, day: day, into: &partial.breakdown) }
                    if notable {
                        record(worker, header: header, line: base, into: &partial, examples: examples)
                    }
                }
                i = e + 1
            }
            for (country, patients) in perCountry.enumerated() where patients > 0 {
                let own = Set(UnsafeBufferPointer(start: worker.pointee.countryColumns[country].pointer, count: worker.pointee.countryColumns[country].count))
                for s in 0..<width where !own.contains(Int32(s)) { counts[s * 49 + 6 * 7 + 6] += patients }
            }
        }
        partial.transitions = transitions
    }

    /// Counts the patient in their group of each `--by` fact: the patient, and each column
    /// of their country (other columns are worked out from the patient counts at the end).
    private func tally(_ worker: UnsafeMutablePointer<Worker>, _ columns: (columns: UnsafeMutablePointer<Int32>, count: Int),
                       day: Day, into tally: inout BreakdownTally) {
        let width = services.count
        let ev = worker.pointee.evaluators.pointer
        let items = worker.pointee.items.pointer
        let slots = worker.pointee.reader.slots, slotCount = worker.pointee.reader.slotCount
        let current = ev[0].statuses, proposed = ev[1].statuses
        for f in worker.pointee.readers.indices {
            let g = tally.starts[f] + worker.pointee.readers[f].group(slots, count: slotCount, asOf: day)
            worker.pointee.groupsNow[f] = g
            tally.patients[g] += 1
            tally.transitions.withUnsafeMutableBufferPointer { counts in
                let offset = g * width * 49
                for k in 0..<columns.count {
                    let s = Int(columns.columns[k])
                    let a = Int(items[s]), b = Int(items[width + s])
                    let from = a >= 0 ? Int(current[a]) : 6
                    let to = b >= 0 ? Int(proposed[b]) : 6
                    counts[offset + s * 49 + from * 7 + to] += 1
                }
            }
        }
    }

    /// For a patient whose status changes or who is deadlocked: example ids and deadlock counts.
    private func record(_ worker: UnsafeMutablePointer<Worker>, header: CohortLineParser.Header, line base: UnsafePointer<UInt8>,
                        into partial: inout Partial, examples: Int) {
        let width = services.count
        let ev = worker.pointee.evaluators.pointer
        let items = worker.pointee.items.pointer
        var cycles: [[String]] = [[], []]
        var changed = false
        /// Adds the deadlock cycles of `service` under evaluator `source` to `cycles[p]`.
        func collect(_ p: Int, _ source: Int, _ service: Int) {
            for k in 0..<OutcomeCache.maxCycles {
                let id = ev[source].cycle(of: service, k)
                if id < 0 { break }
                let name = ev[source].cycleNames[Int(id)]
                if !cycles[p].contains(name) { cycles[p].append(name) }
            }
        }
        for s in 0..<width {
            let a = Int(items[s]), b = Int(items[width + s])
            let from = a >= 0 ? Int(ev[0].statuses[a]) : 6
            let to = b >= 0 ? Int(ev[1].statuses[b]) : 6
            if from != to {
                changed = true
                let transition = s * 49 + from * 7 + to
                if partial.examples[transition, default: []].count < examples {
                    partial.examples[transition, default: []].append(worker.pointee.reader.patientId(header, base, missing: "(no id)"))
                }
            }
            if from == 5 { collect(0, 0, a) }
            if to == 5 {
                // A service the proposed rules take from the current ones has its cycles there.
                let shared = ev[1].sharedFrom[b]
                if shared >= 0 { collect(1, 0, shared) } else { collect(1, 1, b) }
            }
        }
        if changed { partial.changed += 1 }
        for g in worker.pointee.groupsNow {
            if changed { partial.breakdown.changed[g] += 1 }
            partial.breakdown.appear[g] += cycles[1].filter { !cycles[0].contains($0) }.count
            partial.breakdown.vanish[g] += cycles[0].filter { !cycles[1].contains($0) }.count
        }
        for key in cycles[0] + cycles[1].filter({ !cycles[0].contains($0) }) {
            var change = partial.deadlocks[key] ?? DiffReport.DeadlockChange(cycle: key, base: 0, proposed: 0, gained: 0, lost: 0)
            let inBase = cycles[0].contains(key)
            let inProposed = cycles[1].contains(key)
            if inBase { change.base += 1 }
            if inProposed { change.proposed += 1 }
            if inProposed && !inBase { change.gained += 1 }
            if inBase && !inProposed { change.lost += 1 }
            partial.deadlocks[key] = change
        }
    }

    /// A cycle named the same whichever service it is seen from: rotated to start at the smallest id.
    static func cycleKey(_ ids: [String]) -> String {
        guard let smallest = ids.indices.min(by: { ids[$0] < ids[$1] }) else { return "" }
        let rotated = Array(ids[smallest...] + ids[..<smallest])
        return (rotated + [rotated[0]]).joined(separator: " -> ")
    }
}

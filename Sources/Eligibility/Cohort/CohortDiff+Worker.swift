extension CohortDiff {
    /// Per worker: a line reader and one evaluator per rule set. Nothing in it shares
    /// storage with another worker: reference counts of shared arrays would bounce between
    /// cores on every patient.
    struct Worker {
        var reader: CohortPatientReader
        /// The evaluators of the current patient's periods under each rule set, and the
        /// other periods' (rules with dated criteria).
        var current: CohortEvaluator
        var proposed: CohortEvaluator
        var currentPeriods: ParkedPeriods
        var proposedPeriods: ParkedPeriods
        /// Per service column: its item under the current rules, then under the proposed, or -1.
        let items: WorkerTable<Int32>
        /// The worker's own copy of `CohortDiff.columnCountry`.
        let columnCountry: [Int64]
        /// Per jurisdiction symbol met so far (`countries`): the columns that can hold a
        /// status for its patients; every other column is "not evaluated" under both rules.
        var countries: [Int64] = []
        var countryColumns: [WorkerTable<Int32>] = []
        /// One reader per `--by` fact, and the current patient's group of each (numbered as in `BreakdownTally`).
        var readers: [GroupReader]
        var groupsNow: [Int]

        /// The index of country `j` in `countries`, added with its columns when new.
        mutating func country(_ j: Int64) -> Int {
            if let known = countries.firstIndex(of: j) { return known }
            countries.append(j)
            countryColumns.append(WorkerTable(columnCountry.indices.filter { columnCountry[$0] == -1 || columnCountry[$0] == j }.map(Int32.init)))
            return countries.count - 1
        }
    }

    /// A worker's own reader and evaluators, made on its thread.
    func worker(file: String, options: Options, groupings: [FactGrouping], csv: CSVHeader? = nil) -> Worker {
        let currentSide = base.evaluators()
        let proposedSide = proposed.evaluators(sharedFrom: options.shareUnchanged ? sharedWithBase : nil)
        return Worker(reader: CohortPatientReader(vocabulary: base.layout.program.vocabulary, file: file,
                                                  defaultDate: options.defaultDate, fixedDate: options.fixedDate, csv: csv),
               current: currentSide.active, proposed: proposedSide.active,
               currentPeriods: currentSide.parked, proposedPeriods: proposedSide.parked,
               items: WorkerTable(columnItems), columnCountry: columnCountry.map { $0 },
               readers: groupings.map(GroupReader.init), groupsNow: Array(repeating: 0, count: groupings.count))
    }

    func process(_ chunk: CohortReader.Chunk, _ worker: inout Worker, into partial: inout Partial, options: Options) {
        let width = services.count
        let statuses = CohortStatus.allCases.count
        let notEvaluated = Int(CohortStatus.notEvaluated.rawValue)
        let deadlocked = Int(CohortStatus.deadlocked.rawValue)
        let items = worker.items.pointer
        let jurisdictionSlot = base.layout.program.jurisdictionSlot
        let slots = worker.reader.slots, slotCount = worker.reader.slotCount
        // Patients per country: the columns of other countries are counted for them at the end.
        var perCountry: [Int] = []
        var transitions = partial.transitions
        transitions.withUnsafeMutableBufferPointer { counts in
            var i = chunk.start
            let base = chunk.base
            while i < chunk.end {
                let e = CohortReader.lineEnd(base, i, chunk.end)
                partial.lines += 1
                switch worker.reader.read(base, i, e) {
                case .bad(let column, let message):
                    partial.bad.append(DiffReport.BadLine(line: partial.lines, column: column, message: message))
                case .patient(let header):
                    partial.evaluated += 1
                    let day = worker.reader.evaluationDate(header)
                    let proposedDay = options.proposedDate ?? day
                    worker.currentPeriods.choose(day, &worker.current)
                    worker.proposedPeriods.choose(proposedDay, &worker.proposed)
                    worker.current.evaluate(slots, count: slotCount, asOf: day)
                    worker.proposed.evaluate(slots, count: slotCount, asOf: proposedDay)
                    worker.proposed.share(from: worker.current.statuses)
                    let jurisdiction = jurisdictionSlot >= 0 ? slots[jurisdictionSlot] : .unknown
                    let country = worker.country(jurisdiction.isKnown ? jurisdiction.bits : -2)
                    if country >= perCountry.count { perCountry += Array(repeating: 0, count: country + 1 - perCountry.count) }
                    perCountry[country] += 1
                    let columns = worker.countryColumns[country]
                    let current = worker.current.statuses, proposed = worker.proposed.statuses
                    var notable = false
                    for k in 0..<columns.count {
                        let s = Int(columns.pointer[k])
                        let a = Int(items[s]), b = Int(items[width + s])
                        let from = a >= 0 ? Int(current[a].rawValue) : notEvaluated
                        let to = b >= 0 ? Int(proposed[b].rawValue) : notEvaluated
                        counts[(s * statuses + from) * statuses + to] += 1
                        notable = notable || from != to || from == deadlocked || to == deadlocked
                    }
                    if !worker.readers.isEmpty { tally(&worker, columns, day: day, into: &partial.breakdown) }
                    if notable { record(&worker, header: header, line: base, into: &partial, examples: options.examples) }
                }
                i = e + 1
            }
            for (country, patients) in perCountry.enumerated() where patients > 0 {
                let own = Set(UnsafeBufferPointer(start: worker.countryColumns[country].pointer, count: worker.countryColumns[country].count))
                for s in 0..<width where !own.contains(Int32(s)) {
                    counts[(s * statuses + notEvaluated) * statuses + notEvaluated] += patients
                }
            }
        }
        partial.transitions = transitions
    }

    /// Counts the patient in their group of each `--by` fact: the patient, and each column
    /// of their country (other columns are worked out from the patient counts at the end).
    private func tally(_ worker: inout Worker, _ columns: WorkerTable<Int32>, day: Day, into tally: inout BreakdownTally) {
        let width = services.count
        let items = worker.items.pointer
        let slots = worker.reader.slots, slotCount = worker.reader.slotCount
        let current = worker.current.statuses, proposed = worker.proposed.statuses
        for f in worker.readers.indices {
            let g = tally.starts[f] + worker.readers[f].group(slots, count: slotCount, asOf: day)
            worker.groupsNow[f] = g
            tally.patients[g] += 1
            tally.transitions.withUnsafeMutableBufferPointer { counts in
                let offset = g * width * BreakdownTally.pairs
                for k in 0..<columns.count {
                    let s = Int(columns.pointer[k])
                    let a = Int(items[s]), b = Int(items[width + s])
                    let from = a >= 0 ? current[a] : .notEvaluated
                    let to = b >= 0 ? proposed[b] : .notEvaluated
                    counts[offset + s * BreakdownTally.pairs + TransitionCounts.index(from, to)] += 1
                }
            }
        }
    }

    /// For a patient whose status changes or who is deadlocked: example ids and deadlock counts.
    private func record(_ worker: inout Worker, header: CohortLineParser.Header, line base: UnsafePointer<UInt8>,
                        into partial: inout Partial, examples: Int) {
        let width = services.count
        let statuses = CohortStatus.allCases.count
        let items = worker.items.pointer
        var cycles: [[[String]]] = [[], []]
        var changed = false, gained = false, lost = false
        /// Adds the deadlock cycles of `service` under `evaluator` to `cycles[p]`.
        func collect(_ p: Int, _ evaluator: CohortEvaluator, _ service: Int) {
            for k in 0..<OutcomeCache.maxCycles {
                let number = evaluator.cycle(of: service, k)
                if number < 0 { break }
                let cycle = evaluator.cycles[Int(number)]
                if !cycles[p].contains(cycle) { cycles[p].append(cycle) }
            }
        }
        for s in 0..<width {
            let a = Int(items[s]), b = Int(items[width + s])
            let from = a >= 0 ? worker.current.statuses[a] : .notEvaluated
            let to = b >= 0 ? worker.proposed.statuses[b] : .notEvaluated
            if from != to {
                changed = true
                let up = DiffReport.rank(to), down = DiffReport.rank(from)
                if up > down { gained = true } else if up < down { lost = true }
                let key = (s * statuses + Int(from.rawValue)) * statuses + Int(to.rawValue)
                if partial.examples[key, default: []].count < examples {
                    partial.examples[key, default: []].append(worker.reader.patientId(header, base, missing: "(no id)"))
                }
            }
            if from == .deadlocked { collect(0, worker.current, a) }
            if to == .deadlocked {
                // A service the proposed rules take from the current ones has its cycles there.
                let shared = worker.proposed.sharedFrom[b]
                if shared >= 0 { collect(1, worker.current, shared) } else { collect(1, worker.proposed, b) }
            }
        }
        if changed { partial.changed += 1 }
        if gained { partial.people.gained += 1 }
        if lost { partial.people.lost += 1 }
        if cycles[1].contains(where: { !cycles[0].contains($0) }) { partial.people.deadlockAppears += 1 }
        if cycles[0].contains(where: { !cycles[1].contains($0) }) { partial.people.deadlockVanishes += 1 }
        for g in worker.groupsNow {
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
}

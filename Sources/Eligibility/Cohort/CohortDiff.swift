import Foundation

/// Evaluates every patient of a cohort under the current and the proposed rules.
public struct CohortDiff: Sendable {
    /// Each rule set per period of its dated criteria (one without dates).
    let base: CohortPeriods
    let proposed: CohortPeriods
    public let services: [String]
    /// Each service's and step's title, by id.
    public let titles: [String: String]
    /// Per service column: its item under the current rules, then (after all columns)
    /// under the proposed rules, or -1 where that rule set lacks the service.
    let columnItems: [Int32]
    /// Per service column: the jurisdiction symbol of its service, or -1 when it has none
    /// (or its country differs between the rule sets): a column of another country than a
    /// patient's is "not evaluated" for that patient under both rule sets.
    let columnCountry: [Int64]
    /// Per proposed service: the base service whose outcome it shares (its rules and
    /// everything they depend on are unchanged), or -1. Only rule sets of one period each
    /// share: with dated criteria, which periods meet depends on each patient's date.
    let sharedWithBase: [Int]?

    public init(base: RuleLibrary, proposed: RuleLibrary) throws(LoadFailure) {
        let vocabulary = try Vocabulary([base, proposed])
        let basePeriods = CohortPeriods(RulePeriods(base, vocabulary: vocabulary))
        let proposedPeriods = CohortPeriods(RulePeriods(proposed, vocabulary: vocabulary))
        self.base = basePeriods
        self.proposed = proposedPeriods
        let baseRules = basePeriods.layout, proposedRules = proposedPeriods.layout
        var ids: [String] = []
        for program in [baseRules.program, proposedRules.program] {
            for item in program.items.prefix(program.serviceCount) where !ids.contains(item.id) { ids.append(item.id) }
        }
        services = ids
        // What an analyst reads: each service by its title, each step by who does what (the
        // proposed rules' words where they differ).
        var titles: [String: String] = [:]
        for library in [base, proposed] {
            for service in library.services { titles[service.id] = ServiceOutcome.shortened(service.title) }
            for action in library.actions { titles[action.id] = "\(MeetingPlan.who(action.who)): \(action.does)" }
        }
        self.titles = titles
        let programs = [baseRules, proposedRules]
        let columnItems = programs.flatMap { rules in
            ids.map { id in rules.program.item(id).flatMap { $0 < rules.program.serviceCount ? Int32($0) : nil } ?? -1 }
        }
        self.columnItems = columnItems
        let width = ids.count
        columnCountry = ids.indices.map { column in
            let countries = programs.indices.compactMap { p -> Int64? in
                let item = Int(columnItems[p * width + column])
                return item >= 0 ? programs[p].items[item].jurisdiction : nil
            }
            return Set(countries).count == 1 ? countries[0] : -1
        }
        guard basePeriods.programs.count == 1 && proposedPeriods.programs.count == 1 else {
            sharedWithBase = nil
            return
        }
        let baseCones = basePeriods.cones[0], proposedCones = proposedPeriods.cones[0]
        let baseItems = baseRules.itemIdentities()
        let proposedItems = proposedRules.itemIdentities()
        sharedWithBase = (0..<proposedRules.program.serviceCount).map { s in
            guard let b = baseRules.program.item(proposedRules.program.items[s].id), b < baseRules.program.serviceCount,
                  baseRules.coneIdentity(baseCones.items[b], itemIdentities: baseItems)
                    == proposedRules.coneIdentity(proposedCones.items[s], itemIdentities: proposedItems) else { return -1 }
            return b
        }
    }

    public struct Options: Sendable {
        public var examples = 5
        public var strict = false
        /// The date for lines without `as_of`.
        public var defaultDate = Day.today
        /// When set, every line is evaluated on this date, whatever its `as_of` says.
        public var fixedDate: Day?
        /// When set, every line is evaluated on this date under the proposed rules (the
        /// same rules on two dates: `--as-of-proposed`); else on the current rules' date.
        public var proposedDate: Day?
        public var workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        /// Bytes of input a worker takes at a time (small values exercise the chunking in tests).
        public var chunkBytes = 1 << 20
        /// Take the outcome of services whose rules did not change from the current rules
        /// instead of evaluating them again (the same answer, faster).
        public var shareUnchanged = true
        /// Facts to break the figures down by (`FactGrouping`): yes/no or one-of facts, or age_band.
        public var by: [String] = []
        /// How the file is written; nil: as its name says (`CohortFormat(path:)`).
        public var format: CohortFormat?
        public init() {}
    }

    /// What one chunk adds up to.
    struct Partial: Sendable {
        var lines = 0
        var evaluated = 0
        /// Patients for whom some service's status changes.
        var changed = 0
        /// Patients who gain (lose) at least one service, and for whom at least one
        /// deadlock appears (vanishes): people, each counted once.
        var people = DiffReport.People()
        var bad: [DiffReport.BadLine] = []
        /// Per service column and pair of statuses (`TransitionCounts.index`).
        var transitions: [Int]
        /// Example patient ids by service column and pair of statuses.
        var examples: [Int: [String]] = [:]
        var deadlocks: [[String]: DiffReport.DeadlockChange] = [:]
        var breakdown: BreakdownTally
    }

    /// The grouping of patients by a fact: as the current rules define it, else the proposed.
    func grouping(_ fact: String) throws(LoadFailure) -> FactGrouping {
        do {
            return try FactGrouping(fact, program: base.layout.program)
        } catch {
            guard (try? FactGrouping(fact, program: proposed.layout.program)) != nil else { throw error }
            return try FactGrouping(fact, program: proposed.layout.program)
        }
    }

    /// - Parameter rejected: called with every bad line, in file order, with its line
    ///   number in the file (the report keeps only the first 1,000).
    public func run(_ path: String, options: Options = Options(), progress: (@Sendable (Int) -> Void)? = nil,
                    rejected: ((DiffReport.BadLine) -> Void)? = nil) throws -> DiffReport {
        let width = services.count
        let pairs = CohortStatus.allCases.count * CohortStatus.allCases.count
        let groupings = try options.by.map { fact throws(LoadFailure) in try grouping(fact) }
        let groupCounts = groupings.map(\.names.count)
        var breakdown = BreakdownTally(groupCounts: groupCounts, width: width)
        var report = DiffReport(file: path, services: services,
                                baseCounts: Array(repeating: StatusCounts(), count: width),
                                proposedCounts: Array(repeating: StatusCounts(), count: width),
                                transitions: Array(repeating: TransitionCounts(), count: width),
                                examples: [:], deadlocks: [])
        report.titles = titles
        report.currentAsOf = options.fixedDate
        report.proposedAsOf = options.proposedDate ?? options.fixedDate
        var transitions = Array(repeating: 0, count: width * pairs)
        var deadlocks: [[String]: DiffReport.DeadlockChange] = [:]
        var order: [[String]] = []
        var reader = CohortReader(path: path, workers: options.workers)
        reader.chunkBytes = options.chunkBytes
        let csv = (options.format ?? CohortFormat(path: path)) == .csv
            ? try CSVHeader(try reader.readFirstLine(), file: path, vocabulary: base.layout.program.vocabulary) : nil
        // Line numbers count the header too.
        let linesBefore = csv == nil ? 0 : 1
        try reader.run(makeWorker: { self.worker(file: path, options: options, groupings: groupings, csv: csv) }, work: { worker, chunk in
            var partial = Partial(transitions: Array(repeating: 0, count: width * pairs),
                                  breakdown: BreakdownTally(groupCounts: groupCounts, width: width))
            self.process(chunk, &worker, into: &partial, options: options)
            return partial
        }, merge: { partial in
            let offset = report.linesRead + linesBefore
            report.linesRead += partial.lines
            report.evaluated += partial.evaluated
            report.patientsChanged += partial.changed
            report.people.add(partial.people)
            if !breakdown.isEmpty { breakdown.add(partial.breakdown) }
            report.rejected += partial.bad.count
            if let rejected {
                for bad in partial.bad { rejected(DiffReport.BadLine(line: bad.line + offset, column: bad.column, message: bad.message)) }
            }
            for bad in partial.bad where report.badLines.count < 1000 {
                report.badLines.append(DiffReport.BadLine(line: bad.line + offset, column: bad.column, message: bad.message))
            }
            if options.strict, let first = partial.bad.first {
                throw CohortLineError(file: path, line: DiffReport.BadLine(line: first.line + offset, column: first.column, message: first.message))
            }
            for k in transitions.indices { transitions[k] += partial.transitions[k] }
            for (key, ids) in partial.examples.sorted(by: { $0.key < $1.key }) {
                let transition = DiffReport.Transition(service: services[key / pairs], from: CohortStatus.allCases[key % pairs / CohortStatus.allCases.count],
                                                       to: CohortStatus.allCases[key % CohortStatus.allCases.count])
                let have = report.examples[transition, default: []]
                if have.count < options.examples { report.examples[transition] = have + ids.prefix(options.examples - have.count) }
            }
            for (key, change) in partial.deadlocks.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
                if deadlocks[key] == nil { order.append(key); deadlocks[key] = DiffReport.DeadlockChange(cycle: key, base: 0, proposed: 0, gained: 0, lost: 0) }
                deadlocks[key]?.base += change.base
                deadlocks[key]?.proposed += change.proposed
                deadlocks[key]?.gained += change.gained
                deadlocks[key]?.lost += change.lost
            }
            progress?(report.linesRead)
        })
        for s in 0..<width {
            report.transitions[s].counts = Array(transitions[(s * pairs)..<((s + 1) * pairs)])
            for from in CohortStatus.allCases {
                for to in CohortStatus.allCases {
                    report.baseCounts[s][from] += report.transitions[s][from, to]
                    report.proposedCounts[s][to] += report.transitions[s][from, to]
                }
            }
        }
        report.breakdowns = breakdown.breakdowns(groupings)
        report.deadlocks = order.compactMap { deadlocks[$0] }.sorted { ($0.gained + $0.lost, $0.base) > ($1.gained + $1.lost, $1.base) }
        return report
    }
}

/// Evaluates cohort patients under one program, remembering outcomes by the comparisons
/// that decide them (see `ServiceCones`): per patient, the status of each service and the
/// deadlock cycles, as numbers into `cycles`.
///
/// Services whose cones read the same comparisons form a group with one cache: one
/// lookup gives all their outcomes.
struct CohortEvaluator {
    private(set) var evaluator: FullEvaluation
    private let cones: ServiceCones
    /// Per group: its services (at most `OutcomeCache.maxMembers`).
    private let members: [[Int]]
    /// The same, flattened: group g's services are `memberList[memberStart[g]..<memberStart[g + 1]]`.
    private let memberStart: WorkerTable<Int32>
    private let memberList: WorkerTable<Int32>
    /// Per service: its group and its place in it, or -1 for a service taken from another
    /// evaluator.
    private let groupOf: [Int]
    private let memberOf: [Int]
    private var caches: [OutcomeCache]
    /// The groups' keys, flattened: group g's key is `keys[keyStart[g]..<keyStart[g + 1]]`:
    /// the words of `packed` that hold its comparisons, masked to them (then, for services
    /// of no one country, the jurisdiction).
    private let keys: WorkerTable<UInt64>
    private let keyStart: [Int]
    /// Per group, flattened like the keys: which word of `packed` (-1: the jurisdiction), and its mask.
    private let maskWord: WorkerTable<Int32>
    private let maskBits: WorkerTable<UInt64>
    private let entries: WorkerTable<Int>
    private let hashes: WorkerTable<UInt64>
    /// Per service: the status of the current patient.
    private let statusBuffer: WorkerTable<CohortStatus>
    let statuses: UnsafeMutablePointer<CohortStatus>
    private var missed: [Int] = []
    /// Per service: the status found by the last full evaluation.
    private var outcome: [CohortStatus]
    /// Storage for the analysis of missed patients, kept from one to the next.
    private var scratch = StatusAnalysis(count: 0)
    private var itemWanted: [Bool]
    /// The deadlock cycles met so far, each as the ids of its items from the smallest
    /// (`Verdict.cycle`), numbered in the order they were met.
    private(set) var cycles: [[String]] = []
    private var cycleNumbers: [[String]: Int32] = [:]
    /// How each canonical comparison came out for the current patient, two bits each.
    private let packed: WorkerTable<UInt64>
    /// Per canonical comparison: the comparison (leaf) that stands for it (`ServiceCones.canonical`).
    private let canonical: WorkerTable<Int32>
    /// Per jurisdiction symbol met so far (`planOf`): its groups, and the canonical
    /// comparisons their cones read.
    private var planOf: [Int64] = []
    private var plans: [ComparisonPlan] = []
    /// Per service: the service of another evaluator whose outcome it takes (`share`), or -1.
    let sharedFrom: [Int]


    /// - Parameter sharedFrom: per service, the service of another evaluator whose
    ///   outcome it takes instead of being evaluated (see `share(from:)`), or -1.
    ///   - cones: the program's cones, in storage of this evaluator's own, when the caller
    ///     has them already.
    init(rules: CohortProgram, cones given: ServiceCones? = nil, sharedFrom: [Int]? = nil) {
        evaluator = FullEvaluation(rules: rules)
        let program = rules.program
        let cones = given ?? ServiceCones(rules)
        self.cones = cones
        // A copy of its own: the caller's array is shared by every worker, and reading it on
        // each patient would bounce its reference count between the cores.
        let shared = sharedFrom.map { $0.map { $0 } } ?? Array(repeating: -1, count: program.serviceCount)
        self.sharedFrom = shared
        let members = Self.groups(jurisdiction: cones.jurisdiction, leaves: cones.canonicalLeaves,
                                  evaluated: (0..<program.serviceCount).filter { shared[$0] < 0 })
        var groupOf = Array(repeating: -1, count: program.serviceCount)
        var memberOf = Array(repeating: -1, count: program.serviceCount)
        for (g, group) in members.enumerated() {
            for (m, s) in group.enumerated() {
                groupOf[s] = g
                memberOf[s] = m
            }
        }
        self.members = members
        memberStart = WorkerTable(members.reduce(into: [Int32(0)]) { $0.append($0[$0.count - 1] + Int32($1.count)) })
        memberList = WorkerTable(members.flatMap { $0.map(Int32.init) })
        self.groupOf = groupOf
        self.memberOf = memberOf
        var masks: [[(word: Int32, bits: UInt64)]] = []
        for group in members {
            var byWord: [Int32: UInt64] = [:]
            for leaf in cones.canonicalLeaves[group[0]] { byWord[leaf >> 5, default: 0] |= UInt64(3) << UInt64((leaf & 31) * 2) }
            // Services of one country are only ever evaluated for its patients: their key
            // needs no jurisdiction word. Services of no country keep one.
            var words = byWord.sorted { $0.key < $1.key }.map { (word: $0.key, bits: $0.value) }
            if cones.jurisdiction[group[0]] < 0 { words.append((word: -1, bits: 0)) }
            masks.append(words)
        }
        caches = zip(masks, members).map { OutcomeCache(words: $0.count, members: $1.count) }
        let keyStart = masks.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.count) }
        self.keyStart = keyStart
        keys = WorkerTable(repeating: 0, count: keyStart[keyStart.count - 1])
        maskWord = WorkerTable(masks.flatMap { $0.map(\.word) })
        maskBits = WorkerTable(masks.flatMap { $0.map(\.bits) })
        entries = WorkerTable(repeating: 0, count: members.count)
        hashes = WorkerTable(repeating: 0, count: members.count)
        statusBuffer = WorkerTable(repeating: .notEvaluated, count: program.serviceCount)
        statuses = statusBuffer.pointer
        itemWanted = Array(repeating: false, count: program.items.count)
        outcome = Array(repeating: .notEvaluated, count: program.serviceCount)
        packed = WorkerTable(repeating: 0, count: (cones.canonical.count * 2 + 63) / 64 + 1)
        canonical = WorkerTable(cones.canonical)
    }

    var program: Program { evaluator.program }
    var rules: CohortProgram { evaluator.rules }

    /// The plan for patients of jurisdiction symbol `j` (-2: none), made the first time.
    private mutating func plan(for j: Int64) -> Int {
        for (index, known) in planOf.enumerated() where known == j { return index }
        let groups = members.indices.filter {
            let country = cones.jurisdiction[members[$0][0]]
            return country == -1 || country == j
        }
        planOf.append(j)
        plans.append(ComparisonPlan(groups: groups, members: members, cones: cones, evaluator: evaluator))
        return plans.count - 1
    }

    /// Evaluates one patient; afterwards `statuses` and `cycles(of:)` tell the outcome.
    /// - Parameters:
    ///   - inputs: the patient's input facts, `count` of them (the vocabulary's input slots).
    mutating func evaluate(_ inputs: UnsafePointer<SlotValue>, count: Int, asOf: Day) {
        let js = program.jurisdictionSlot
        let j: Int64 = js >= 0 && js < count && inputs[js].isKnown ? inputs[js].bits : -2
        missed.removeAll(keepingCapacity: true)
        let statuses = self.statuses
        for s in 0..<statusBuffer.count { statuses[s] = .notEvaluated }
        let plan = plans[plans.isEmpty || planOf[0] != j ? self.plan(for: j) : 0]
        let groups = plan.groups.pointer
        let groupCount = plan.groups.count
        // Nothing to evaluate here (e.g. every service of this country is taken from the
        // current rules in a diff): skip reading the patient into the evaluator at all.
        if groupCount == 0 { return }
        evaluator.load(inputs: inputs, count: count, asOf: asOf)
        evaluator.prepare()
        evaluator.packLeafCodes(plan, canonical: canonical.pointer, into: packed.pointer, words: packed.count)
        let packed = self.packed.pointer
        let day = asOf.ordinal
        let keys = self.keys.pointer, maskWord = self.maskWord.pointer, maskBits = self.maskBits.pointer
        let hashes = self.hashes.pointer, entries = self.entries.pointer
        for k in 0..<groupCount {
            let g = Int(groups[k])
            let base = keyStart[g]
            let words = keyStart[g + 1] - base
            for k in 0..<words {
                let word = maskWord[base + k]
                keys[base + k] = word >= 0 ? packed[Int(word)] & maskBits[base + k] : UInt64(bitPattern: j)
            }
            let key = UnsafeBufferPointer(start: keys + base, count: words)
            hashes[g] = OutcomeCache.hash(key, day: day)
            if let hit = caches[g].find(key, hash: hashes[g], day: day) { entries[g] = hit } else { missed.append(g) }
        }
        if !missed.isEmpty { evaluateMissed() }
        let memberStart = self.memberStart.pointer, memberList = self.memberList.pointer
        for k in 0..<groupCount {
            let g = Int(groups[k])
            let first = Int(memberStart[g])
            for m in 0..<(Int(memberStart[g + 1]) - first) {
                statuses[Int(memberList[first + m])] = caches[g].status(entries[g], member: m)
            }
        }
    }

    /// Runs the evaluator on the cones of the groups not found in the caches.
    private mutating func evaluateMissed() {
        for i in itemWanted.indices { itemWanted[i] = false }
        for g in missed {
            for s in members[g] { for item in cones.items[s] { itemWanted[Int(item)] = true } }
        }
        evaluator.finish(only: itemWanted)
        for s in outcome.indices { outcome[s] = .notEvaluated }
        var found: [Int: [Int32]] = [:]
        for verdict in evaluator.verdicts(missingFacts: false, reusing: &scratch) {
            outcome[verdict.item] = CohortStatus(verdict.status)
            if verdict.status == .deadlocked, !verdict.cycle.isEmpty {
                found[verdict.item, default: []].append(cycleNumber(verdict.cycle.map { program.items[$0].id }))
            }
        }
        let outcome = self.outcome
        for g in missed {
            let members = self.members[g]
            entries.pointer[g] = caches[g].insert(UnsafeBufferPointer(start: keys.pointer + keyStart[g], count: keyStart[g + 1] - keyStart[g]),
                                                  hash: hashes.pointer[g], day: evaluator.asOf.ordinal,
                                                  status: { outcome[members[$0]] }, cycles: { found[members[$0]] ?? [] })
        }
    }

    private mutating func cycleNumber(_ cycle: [String]) -> Int32 {
        if let number = cycleNumbers[cycle] { return number }
        cycles.append(cycle)
        cycleNumbers[cycle] = Int32(cycles.count - 1)
        return Int32(cycles.count - 1)
    }

    func status(_ service: Int) -> CohortStatus { statuses[service] }

    /// The number (in `cycles`) of the k-th deadlock cycle of one service for the current
    /// patient, or -1 (always -1 for a service not evaluated here).
    func cycle(of service: Int, _ k: Int) -> Int32 {
        let g = groupOf[service]
        guard g >= 0, statuses[service] == .deadlocked else { return -1 }
        return caches[g].cycle(entries.pointer[g], member: memberOf[service], k)
    }

    /// Takes the outcome of the services named in `sharedFrom` from the other evaluator's
    /// `statuses`. (Mutating, so that it runs on the evaluator in place.)
    mutating func share(from source: UnsafeMutablePointer<CohortStatus>) {
        for (service, from) in sharedFrom.enumerated() where from >= 0 { statuses[service] = source[from] }
    }
}


/// Evaluates cohort patients under one program, remembering outcomes service by service
/// (see `ServiceCones`): per patient, the status of each service (0...5 as
/// `Status.allCases`, 6 not evaluated) and the deadlock cycles, as ids into `cycleNames`.
struct CohortEvaluator {
    private(set) var evaluator: Evaluator
    private let cones: ServiceCones
    private var caches: [OutcomeCache]
    /// The cones' keys, flattened: cone s's key is `keys[keyStart[s]..<keyStart[s + 1]]`:
    /// the words of `packed` that hold its comparisons, masked to them (then, for a service
    /// of no one country, the jurisdiction).
    private var keys: [UInt64]
    private let keyStart: [Int]
    /// Per cone, flattened like the keys (without the date word): which word of `packed`, and its mask.
    private let maskWord: [Int32]
    private let maskBits: [UInt64]
    private var entries: [Int]
    private var hashes: [UInt64]
    private(set) var statuses: [UInt8]
    private var outcome: [UInt8]
    private var missed: [Int] = []
    private var itemWanted: [Bool]
    private(set) var cycleNames: [String] = []
    private var cycleIds: [String: Int32] = [:]
    /// How each canonical comparison came out for the current patient, two bits each.
    private var packed: [UInt64]
    /// Per jurisdiction symbol: its services, and the canonical comparisons their cones read.
    private var plans: [Int64: (services: [Int], leaves: [Int32])] = [:]
    /// Services whose outcome the caller supplies (`share`), not evaluated here.
    var skipped: [Bool]

    init(program: Program) {
        evaluator = Evaluator(program: program)
        let serviceCones = ServiceCones(program)
        self.cones = serviceCones
        let cones = serviceCones.canonicalLeaves
        var masks: [[(word: Int32, bits: UInt64)]] = []
        for leaves in cones {
            var byWord: [Int32: UInt64] = [:]
            for leaf in leaves { byWord[leaf >> 5, default: 0] |= UInt64(3) << UInt64((leaf & 31) * 2) }
            masks.append(byWord.sorted { $0.key < $1.key }.map { (word: $0.key, bits: $0.value) })
        }
        // A service of one country is only ever evaluated for its patients: its key needs
        // no jurisdiction word. A service of no country keeps one.
        let extra = serviceCones.jurisdiction.map { $0 < 0 ? 1 : 0 }
        caches = masks.enumerated().map { OutcomeCache(words: $1.count + extra[$0]) }
        let keyStart = masks.enumerated().reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.element.count + extra[$1.offset]) }
        self.keyStart = keyStart
        keys = Array(repeating: 0, count: keyStart[keyStart.count - 1])
        maskWord = masks.enumerated().flatMap { $1.map(\.word) + (extra[$0] == 1 ? [-1] : []) }
        maskBits = masks.enumerated().flatMap { $1.map(\.bits) + (extra[$0] == 1 ? [0] : []) }
        entries = Array(repeating: 0, count: cones.count)
        hashes = entries.map { _ in 0 }
        statuses = Array(repeating: 6, count: program.serviceCount)
        outcome = statuses
        itemWanted = Array(repeating: false, count: program.items.count)
        packed = Array(repeating: 0, count: (serviceCones.canonical.count * 2 + 63) / 64 + 1)
        skipped = Array(repeating: false, count: program.serviceCount)
    }

    var program: Program { evaluator.program }

    private mutating func plan(for j: Int64) -> (services: [Int], leaves: [Int32]) {
        if let known = plans[j] { return known }
        let services = cones.jurisdiction.indices.filter {
            !skipped[$0] && (cones.jurisdiction[$0] == -1 || cones.jurisdiction[$0] == j)
        }
        let leaves = Set(services.flatMap { cones.canonicalLeaves[$0] }).sorted()
        plans[j] = (services, leaves)
        return (services, leaves)
    }

    /// Evaluates one patient; afterwards `statuses` and `cycles(of:)` tell the outcome.
    mutating func evaluate(_ inputs: [SlotValue], asOf: Day) {
        let js = program.jurisdictionSlot
        let j: Int64 = js >= 0 && js < inputs.count && inputs[js].isKnown ? inputs[js].bits : -2
        missed.removeAll(keepingCapacity: true)
        statuses.withUnsafeMutableBufferPointer { for s in $0.indices { $0[s] = 6 } }
        let (services, leaves) = plan(for: j)
        // Nothing to evaluate here (e.g. every service of this country is taken from the
        // current rules in a diff): skip reading the patient into the evaluator at all.
        if services.isEmpty { return }
        evaluator.load(inputs: inputs, asOf: asOf)
        evaluator.prepare()
        let evaluator = self.evaluator
        let canonical = cones.canonical
        packed.withUnsafeMutableBufferPointer { packed in
            for w in packed.indices { packed[w] = 0 }
            for leaf in leaves {
                packed[Int(leaf >> 5)] |= evaluator.leafCode(Int(canonical[Int(leaf)])) << UInt64((leaf & 31) * 2)
            }
        }
        let day = asOf.ordinal
        for s in services {
            let base = keyStart[s]
            let words = keyStart[s + 1] - base
            let hit: Int? = keys.withUnsafeMutableBufferPointer { all in
                packed.withUnsafeBufferPointer { packed in
                    for k in 0..<words {
                        let word = maskWord[base + k]
                        all[base + k] = word >= 0 ? packed[Int(word)] & maskBits[base + k] : UInt64(bitPattern: j)
                    }
                }
                let key = UnsafeBufferPointer(rebasing: all[base..<(base + words)])
                hashes[s] = OutcomeCache.hash(key, day: day)
                return caches[s].find(key, hash: hashes[s], day: day)
            }
            if let hit { entries[s] = hit } else { missed.append(s) }
        }
        if !missed.isEmpty { evaluateMissed() }
        for s in services { statuses[s] = caches[s].status(entries[s]) }
    }

    /// Runs the evaluator on the cones of the services not found in the caches.
    private mutating func evaluateMissed() {
        for i in itemWanted.indices { itemWanted[i] = false }
        for s in missed { for item in cones.items[s] { itemWanted[Int(item)] = true } }
        evaluator.finish(only: itemWanted)
        for s in outcome.indices { outcome[s] = 6 }
        var found: [Int: [Int32]] = [:]
        for verdict in evaluator.verdicts(missingFacts: false) {
            outcome[verdict.item] = UInt8(Status.allCases.firstIndex(of: verdict.status) ?? 6)
            if verdict.status == .deadlocked, !verdict.cycle.isEmpty {
                let id = cycleId(CohortDiff.cycleKey(verdict.cycle.map { program.items[$0].id }))
                found[verdict.item, default: []].append(id)
            }
        }
        for s in missed {
            entries[s] = keys.withUnsafeBufferPointer { all in
                caches[s].insert(UnsafeBufferPointer(rebasing: all[keyStart[s]..<keyStart[s + 1]]),
                                 hash: hashes[s], day: evaluator.asOf.ordinal, status: outcome[s],
                                 cycles: Array((found[s] ?? []).prefix(OutcomeCache.maxCycles)))
            }
        }
    }

    private mutating func cycleId(_ name: String) -> Int32 {
        if let id = cycleIds[name] { return id }
        cycleNames.append(name)
        cycleIds[name] = Int32(cycleNames.count - 1)
        return Int32(cycleNames.count - 1)
    }

    func status(_ service: Int) -> UInt8 { statuses[service] }

    /// The k-th deadlock cycle id of one service for the current patient, or -1 (always -1
    /// for a service not evaluated here).
    func cycle(of service: Int, _ k: Int) -> Int32 {
        guard !skipped[service], statuses[service] == 5 else { return -1 }
        return caches[service].cycle(entries[service], k)
    }

    /// Takes the outcome of skipped services from another evaluator:
    /// `mapping[service]` is the other's service, or -1.
    mutating func share(from other: UnsafeMutablePointer<CohortEvaluator>, mapping: [Int]) {
        other.pointee.statuses.withUnsafeBufferPointer { source in
            for (service, from) in mapping.enumerated() where from >= 0 { statuses[service] = source[from] }
        }
    }
}

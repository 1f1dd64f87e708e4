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
    private let keys: OwnedBuffer<UInt64>
    private let keyStart: [Int]
    /// Per cone, flattened like the keys (without the date word): which word of `packed`, and its mask.
    private let maskWord: OwnedBuffer<Int32>
    private let maskBits: OwnedBuffer<UInt64>
    private let entries: OwnedBuffer<Int>
    private let hashes: OwnedBuffer<UInt64>
    /// Per service: the status of the current patient (0...5 as `Status.allCases`, 6 not evaluated).
    private let statusBuffer: OwnedBuffer<UInt8>
    let statuses: UnsafeMutablePointer<UInt8>
    private var outcome: [UInt8]
    private var missed: [Int] = []
    private var itemWanted: [Bool]
    private(set) var cycleNames: [String] = []
    private var cycleIds: [String: Int32] = [:]
    /// How each canonical comparison came out for the current patient, two bits each.
    private let packed: OwnedBuffer<UInt64>
    /// Per jurisdiction symbol met so far (`planOf`): its services, and the canonical
    /// comparisons their cones read.
    private var planOf: [Int64] = []
    private var plans: [Plan] = []
    /// Per service: the service of another evaluator whose outcome it takes (`share`), or -1.
    private(set) var sharedFrom: [Int]

    private struct Plan {
        let services: OwnedBuffer<Int32>
        let leaves: OwnedBuffer<Int32>
    }

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
        keys = OwnedBuffer(repeating: 0, count: keyStart[keyStart.count - 1])
        maskWord = OwnedBuffer(masks.enumerated().flatMap { $1.map(\.word) + (extra[$0] == 1 ? [-1] : []) })
        maskBits = OwnedBuffer(masks.enumerated().flatMap { $1.map(\.bits) + (extra[$0] == 1 ? [0] : []) })
        entries = OwnedBuffer(repeating: 0, count: cones.count)
        hashes = OwnedBuffer(repeating: 0, count: cones.count)
        statusBuffer = OwnedBuffer(repeating: 6, count: program.serviceCount)
        statuses = statusBuffer.pointer
        outcome = Array(repeating: 6, count: program.serviceCount)
        itemWanted = Array(repeating: false, count: program.items.count)
        packed = OwnedBuffer(repeating: 0, count: (serviceCones.canonical.count * 2 + 63) / 64 + 1)
        sharedFrom = Array(repeating: -1, count: program.serviceCount)
    }

    var program: Program { evaluator.program }

    /// Takes these services' outcomes from another evaluator instead of evaluating them
    /// (`share(from:)`): `mapping[service]` is the other's service, or -1.
    mutating func takeShared(_ mapping: [Int]) {
        sharedFrom = mapping.map { $0 }
        planOf = []
        plans = []
    }

    private mutating func plan(for j: Int64) -> Int {
        for (index, known) in planOf.enumerated() where known == j { return index }
        let services = cones.jurisdiction.indices.filter {
            sharedFrom[$0] < 0 && (cones.jurisdiction[$0] == -1 || cones.jurisdiction[$0] == j)
        }
        let leaves = Set(services.flatMap { cones.canonicalLeaves[$0] }).sorted()
        planOf.append(j)
        plans.append(Plan(services: OwnedBuffer(services.map(Int32.init)), leaves: OwnedBuffer(leaves)))
        return plans.count - 1
    }

    /// Evaluates one patient; afterwards `statuses` and `cycles(of:)` tell the outcome.
    mutating func evaluate(_ inputs: [SlotValue], asOf: Day) {
        let js = program.jurisdictionSlot
        let j: Int64 = js >= 0 && js < inputs.count && inputs[js].isKnown ? inputs[js].bits : -2
        missed.removeAll(keepingCapacity: true)
        let statuses = self.statuses
        for s in 0..<statusBuffer.count { statuses[s] = 6 }
        let plan = plans.isEmpty || planOf[0] != j ? self.plan(for: j) : 0
        let services = plans[plan].services.pointer
        let serviceCount = plans[plan].services.count
        // Nothing to evaluate here (e.g. every service of this country is taken from the
        // current rules in a diff): skip reading the patient into the evaluator at all.
        if serviceCount == 0 { return }
        evaluator.load(inputs: inputs, asOf: asOf)
        evaluator.prepare()
        let packed = self.packed.pointer
        for w in 0..<self.packed.count { packed[w] = 0 }
        let leaves = plans[plan].leaves.pointer
        cones.canonical.withUnsafeBufferPointer { canonical in
            for k in 0..<plans[plan].leaves.count {
                let leaf = leaves[k]
                packed[Int(leaf >> 5)] |= evaluator.leafCode(Int(canonical[Int(leaf)])) << UInt64((leaf & 31) * 2)
            }
        }
        let day = asOf.ordinal
        let keys = self.keys.pointer, maskWord = self.maskWord.pointer, maskBits = self.maskBits.pointer
        let hashes = self.hashes.pointer, entries = self.entries.pointer
        for k in 0..<serviceCount {
            let s = Int(services[k])
            let base = keyStart[s]
            let words = keyStart[s + 1] - base
            for k in 0..<words {
                let word = maskWord[base + k]
                keys[base + k] = word >= 0 ? packed[Int(word)] & maskBits[base + k] : UInt64(bitPattern: j)
            }
            let key = UnsafeBufferPointer(start: keys + base, count: words)
            hashes[s] = OutcomeCache.hash(key, day: day)
            if let hit = caches[s].find(key, hash: hashes[s], day: day) { entries[s] = hit } else { missed.append(s) }
        }
        if !missed.isEmpty { evaluateMissed() }
        for k in 0..<serviceCount {
            let s = Int(services[k])
            statuses[s] = caches[s].status(entries[s])
        }
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
            entries.pointer[s] = caches[s].insert(UnsafeBufferPointer(start: keys.pointer + keyStart[s], count: keyStart[s + 1] - keyStart[s]),
                                                  hash: hashes.pointer[s], day: evaluator.asOf.ordinal, status: outcome[s],
                                                  cycles: Array((found[s] ?? []).prefix(OutcomeCache.maxCycles)))
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
        guard sharedFrom[service] < 0, statuses[service] == 5 else { return -1 }
        return caches[service].cycle(entries.pointer[service], k)
    }

    /// Takes the outcome of the services named in `takeShared` from the other evaluator.
    func share(from other: UnsafeMutablePointer<CohortEvaluator>) {
        let source = other.pointee.statuses
        for (service, from) in sharedFrom.enumerated() where from >= 0 { statuses[service] = source[from] }
    }
}

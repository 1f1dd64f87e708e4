/// Remembers the outcome of patients by the signature that decides it: how each
/// comparison of the rules comes out on the patient's facts, the jurisdiction and the
/// evaluation date. Everything the evaluator does after reading the facts depends on
/// nothing else, so two patients with one signature have one outcome. It starts small and
/// doubles when half full, up to a bound; at the bound it starts afresh, so memory does
/// not grow with the cohort.
struct OutcomeCache {
    let words: Int
    let services: Int
    static let maxCycles = 8
    static let maxCapacity = 1 << 16
    private var capacity: Int
    private var keys: [UInt64]
    private var hashes: [UInt64]
    private var used: [Bool]
    private var statuses: [UInt8]
    private var cycles: [Int32]
    private var count = 0

    init(words: Int, services: Int, capacity: Int = 1 << 8) {
        self.words = words
        self.services = services
        self.capacity = capacity
        keys = Array(repeating: 0, count: capacity * words)
        hashes = Array(repeating: 0, count: capacity)
        used = Array(repeating: false, count: capacity)
        statuses = Array(repeating: 6, count: capacity * max(1, services))
        precondition(capacity & (capacity - 1) == 0, "capacity must be a power of two")
        cycles = Array(repeating: -1, count: capacity * Self.maxCycles)
    }

    static func hash(_ key: UnsafeBufferPointer<UInt64>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        for w in key {
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
        }
        return h
    }

    /// The entry holding this key, or nil.
    func find(_ key: UnsafeBufferPointer<UInt64>, hash: UInt64) -> Int? {
        var i = Int(truncatingIfNeeded: hash) & (capacity - 1)
        while used[i] {
            if hashes[i] == hash {
                var same = true
                for w in 0..<words where keys[i * words + w] != key[w] { same = false; break }
                if same { return i }
            }
            i = (i + 1) & (capacity - 1)
        }
        return nil
    }

    /// Stores an outcome and returns its entry.
    mutating func insert(_ key: UnsafeBufferPointer<UInt64>, hash: UInt64, statuses outcome: [UInt8], cycles found: [Int32]) -> Int {
        if count * 2 >= capacity {
            if capacity < Self.maxCapacity {
                grow()
            } else {
                for i in used.indices { used[i] = false }
                count = 0
            }
        }
        var i = Int(truncatingIfNeeded: hash) & (capacity - 1)
        while used[i] { i = (i + 1) & (capacity - 1) }
        used[i] = true
        hashes[i] = hash
        count += 1
        for w in 0..<words { keys[i * words + w] = key[w] }
        for s in 0..<services { statuses[i * services + s] = outcome[s] }
        for c in 0..<Self.maxCycles { cycles[i * Self.maxCycles + c] = c < found.count ? found[c] : -1 }
        return i
    }

    private mutating func grow() {
        var bigger = OutcomeCache(words: words, services: services, capacity: capacity * 2)
        for i in 0..<capacity where used[i] {
            let key = Array(keys[(i * words)..<((i + 1) * words)])
            let outcome = Array(statuses[(i * services)..<((i + 1) * services)])
            let found = Array(cycles[(i * Self.maxCycles)..<((i + 1) * Self.maxCycles)].filter { $0 >= 0 })
            _ = key.withUnsafeBufferPointer { bigger.insert($0, hash: hashes[i], statuses: outcome, cycles: found) }
        }
        self = bigger
    }

    func status(_ entry: Int, _ service: Int) -> UInt8 { statuses[entry * services + service] }
    func cycle(_ entry: Int, _ k: Int) -> Int32 { cycles[entry * Self.maxCycles + k] }
}

/// Evaluates cohort patients under one program, remembering outcomes service by service
/// (see `Components`): per patient, the status of each service (0...5 as
/// `Status.allCases`, 6 not evaluated) and the deadlock cycles, as ids into `cycleNames`.
struct CohortEvaluator {
    private(set) var evaluator: Evaluator
    private let components: Components
    private var caches: [OutcomeCache]
    /// The cones' keys, flattened: cone g's key is `keys[keyStart[g]..<keyStart[g + 1]]`.
    private var keys: [UInt64]
    private let keyStart: [Int]
    private var entries: [Int]
    private var hashes: [UInt64]
    private var statuses: [UInt8]
    private var outcome: [UInt8]
    /// The groups evaluated for the current patient.
    private var groups: [Int] = []
    private var missed: [Int] = []
    private(set) var cycleNames: [String] = []
    private var cycleIds: [String: Int32] = [:]
    private(set) var cycles: [Int32] = []
    private(set) var misses = 0
    /// Per comparison: how it came out for the current patient (see `Evaluator.leafCode`).
    private var codes: [UInt64]
    /// Per jurisdiction symbol: the comparisons its services' cones read, each once.
    private var leavesByJurisdiction: [Int64: [Int32]] = [:]
    /// The cones' comparisons, flattened: cone g reads `coneLeaves[coneStart[g]..<coneStart[g + 1]]`.
    private let coneLeaves: [Int32]
    private let coneStart: [Int]
    private var itemWanted: [Bool]

    init(program: Program) {
        evaluator = Evaluator(program: program)
        let components = Components(program)
        self.components = components
        caches = components.leaves.enumerated().map { group, leaves in
            OutcomeCache(words: (leaves.count * 2 + 63) / 64 + 1, services: components.services[group].count)
        }
        let keyStart = components.leaves.reduce(into: [0]) { $0.append($0[$0.count - 1] + ($1.count * 2 + 63) / 64 + 1) }
        self.keyStart = keyStart
        keys = Array(repeating: 0, count: keyStart[keyStart.count - 1])
        entries = Array(repeating: 0, count: components.leaves.count)
        hashes = entries.map { _ in 0 }
        statuses = Array(repeating: 6, count: program.serviceCount)
        outcome = statuses
        itemWanted = Array(repeating: false, count: program.items.count)
        codes = Array(repeating: 0, count: program.hotLeaves.count)
        coneLeaves = components.leaves.flatMap { $0 }
        coneStart = components.leaves.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.count) }
    }

    var program: Program { evaluator.program }

    mutating func evaluate(_ inputs: [SlotValue], asOf: Day) {
        evaluator.load(inputs: inputs, asOf: asOf)
        evaluator.prepare()
        let js = program.jurisdictionSlot
        let j: Int64 = js >= 0 && evaluator.initial[js].isKnown ? evaluator.initial[js].bits : -2
        groups.removeAll(keepingCapacity: true)
        missed.removeAll(keepingCapacity: true)
        cycles.removeAll(keepingCapacity: true)
        for s in statuses.indices { statuses[s] = 6 }
        let used = leavesByJurisdiction[j] ?? {
            var all: Set<Int32> = []
            for group in components.leaves.indices where components.jurisdiction[group] == -1 || components.jurisdiction[group] == j {
                all.formUnion(components.leaves[group])
            }
            leavesByJurisdiction[j] = all.sorted()
            return all.sorted()
        }()
        for leaf in used { codes[Int(leaf)] = evaluator.leafCode(Int(leaf)) }
        for group in components.leaves.indices where components.jurisdiction[group] == -1 || components.jurisdiction[group] == j {
            groups.append(group)
            signature(group)
            let hit: Int? = keys.withUnsafeBufferPointer { all in
                let key = UnsafeBufferPointer(rebasing: all[keyStart[group]..<keyStart[group + 1]])
                hashes[group] = OutcomeCache.hash(key)
                return caches[group].find(key, hash: hashes[group])
            }
            if let hit {
                entries[group] = hit
            } else {
                missed.append(group)
            }
        }
        if !missed.isEmpty {
            misses += 1
            for i in itemWanted.indices { itemWanted[i] = false }
            for group in missed { for item in components.items[group] { itemWanted[Int(item)] = true } }
            evaluator.finish(only: itemWanted)
            for s in outcome.indices { outcome[s] = 6 }
            var found: [[Int32]] = Array(repeating: [], count: program.serviceCount)
            for verdict in evaluator.verdicts(missingFacts: false) {
                outcome[verdict.item] = UInt8(Status.allCases.firstIndex(of: verdict.status) ?? 6)
                if verdict.status == .deadlocked, !verdict.cycle.isEmpty, itemWanted[verdict.item] {
                    let group = verdict.item
                    let id = cycleId(CohortDiff.cycleKey(verdict.cycle.map { program.items[$0].id }))
                    if !found[group].contains(id) && found[group].count < OutcomeCache.maxCycles { found[group].append(id) }
                }
            }
            for group in missed {
                let groupStatuses = components.services[group].map { outcome[Int($0)] }
                entries[group] = keys.withUnsafeBufferPointer { all in
                    caches[group].insert(UnsafeBufferPointer(rebasing: all[keyStart[group]..<keyStart[group + 1]]),
                                         hash: hashes[group], statuses: groupStatuses, cycles: found[group])
                }
            }
        }
        for group in groups {
            for (k, item) in components.services[group].enumerated() {
                statuses[Int(item)] = caches[group].status(entries[group], k)
            }
            for k in 0..<OutcomeCache.maxCycles {
                let id = caches[group].cycle(entries[group], k)
                if id < 0 { break }
                if !cycles.contains(id) { cycles.append(id) }
            }
        }
    }

    /// The key of one cone: the codes of its comparisons, two bits each, then the
    /// jurisdiction and the evaluation date.
    private mutating func signature(_ group: Int) {
        let start = coneStart[group]
        let count = coneStart[group + 1] - start
        let base = keyStart[group]
        let words = keyStart[group + 1] - base
        let js = program.jurisdictionSlot
        let j = js >= 0 && evaluator.initial[js].isKnown ? UInt64(bitPattern: evaluator.initial[js].bits) & 0xFFFF_FFFF : 0xFFFF_FFFF
        let dated = (j << 32) | UInt64(UInt32(bitPattern: evaluator.asOf.ordinal))
        keys.withUnsafeMutableBufferPointer { key in
            codes.withUnsafeBufferPointer { code in
                coneLeaves.withUnsafeBufferPointer { leaves in
                    for w in 0..<words { key[base + w] = 0 }
                    for k in 0..<count {
                        key[base + (k >> 5)] |= code[Int(leaves[start + k])] << UInt64((k & 31) * 2)
                    }
                    key[base + words - 1] = dated
                }
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
}


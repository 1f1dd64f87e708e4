/// Remembers the outcome of patients by the signature that decides it: how each
/// comparison of the rules comes out on the patient's facts, the jurisdiction and the
/// evaluation date. Everything the evaluator does after reading the facts depends on
/// nothing else, so two patients with one signature have one outcome. Bounded: when
/// half full it starts afresh, so memory does not grow with the cohort.
struct OutcomeCache {
    let words: Int
    let services: Int
    static let maxCycles = 8
    private let capacity: Int
    private var keys: [UInt64]
    private var hashes: [UInt64]
    private var used: [Bool]
    private var statuses: [UInt8]
    private var cycles: [Int32]
    private var count = 0

    init(words: Int, services: Int, capacity: Int = 1 << 15) {
        self.words = words
        self.services = services
        self.capacity = capacity
        keys = Array(repeating: 0, count: capacity * words)
        hashes = Array(repeating: 0, count: capacity)
        used = Array(repeating: false, count: capacity)
        statuses = Array(repeating: 6, count: capacity * max(1, services))
        cycles = Array(repeating: -1, count: capacity * Self.maxCycles)
    }

    static func hash(_ key: [UInt64]) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        for w in key {
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
        }
        return h
    }

    /// The entry holding this key, or nil.
    func find(_ key: [UInt64], hash: UInt64) -> Int? {
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
    mutating func insert(_ key: [UInt64], hash: UInt64, statuses outcome: [UInt8], cycles found: [Int32]) -> Int {
        if count * 2 >= capacity {
            for i in used.indices { used[i] = false }
            count = 0
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

    func status(_ entry: Int, _ service: Int) -> UInt8 { statuses[entry * services + service] }
    func cycle(_ entry: Int, _ k: Int) -> Int32 { cycles[entry * Self.maxCycles + k] }
}

/// Evaluates cohort patients under one program with an outcome cache: per patient, the
/// status of each service (0...5 as `Status.allCases`, 6 not evaluated) and the deadlock
/// cycles, as ids into `cycleNames`.
struct CohortEvaluator {
    private(set) var evaluator: Evaluator
    private var cache: OutcomeCache
    private var key: [UInt64]
    private var outcome: [UInt8]
    private(set) var cycleNames: [String] = []
    private var cycleIds: [String: Int32] = [:]
    /// The entry of the last patient.
    private(set) var entry = 0

    init(program: Program) {
        evaluator = Evaluator(program: program)
        let words = (program.hotLeaves.count * 2 + 63) / 64 + 1
        cache = OutcomeCache(words: words, services: program.serviceCount)
        key = Array(repeating: 0, count: words)
        outcome = Array(repeating: 6, count: program.serviceCount)
    }

    var program: Program { evaluator.program }

    mutating func evaluate(_ inputs: [SlotValue], asOf: Day) {
        evaluator.load(inputs: inputs, asOf: asOf)
        evaluator.prepare()
        evaluator.signature(into: &key)
        let hash = OutcomeCache.hash(key)
        if let hit = cache.find(key, hash: hash) {
            entry = hit
            return
        }
        evaluator.finish()
        for s in outcome.indices { outcome[s] = 6 }
        var found: [Int32] = []
        for verdict in evaluator.verdicts() {
            outcome[verdict.item] = UInt8(Status.allCases.firstIndex(of: verdict.status) ?? 6)
            if verdict.status == .deadlocked, !verdict.cycle.isEmpty {
                let name = CohortDiff.cycleKey(verdict.cycle.map { program.items[$0].id })
                let id = cycleIds[name] ?? {
                    cycleNames.append(name)
                    cycleIds[name] = Int32(cycleNames.count - 1)
                    return Int32(cycleNames.count - 1)
                }()
                if !found.contains(id) && found.count < OutcomeCache.maxCycles { found.append(id) }
            }
        }
        entry = cache.insert(key, hash: hash, statuses: outcome, cycles: found)
    }

    func status(_ service: Int) -> UInt8 { cache.status(entry, service) }
    func cycle(_ k: Int) -> Int32 { cache.cycle(entry, k) }
}

extension Evaluator {
    /// Writes the signature of the current patient (after `prepare`): two bits per
    /// comparison, then the jurisdiction and the date.
    func signature(into key: inout [UInt64]) {
        for w in key.indices { key[w] = 0 }
        for i in program.hotLeaves.indices {
            key[i >> 5] |= leafCode(i) << UInt64((i & 31) * 2)
        }
        let js = program.jurisdictionSlot
        let j = js >= 0 && initial[js].isKnown ? UInt64(bitPattern: initial[js].bits) & 0xFFFF_FFFF : 0xFFFF_FFFF
        key[key.count - 1] = (j << 32) | UInt64(UInt32(bitPattern: asOf.ordinal))
    }
}

/// Evaluates cohort patients under one program, remembering outcomes by the comparisons
/// that decide them (see `ServiceCones`): per patient, the status of each service (0...5
/// as `Status.allCases`, 6 not evaluated) and the deadlock cycles, as ids into `cycleNames`.
///
/// Services whose cones read the same comparisons form a group with one cache: one
/// lookup gives all their outcomes.
struct CohortEvaluator {
    private(set) var evaluator: Evaluator
    private let cones: ServiceCones
    /// Per group: its services (at most `OutcomeCache.maxMembers`).
    private let members: [[Int]]
    /// The same, flattened: group g's services are `memberList[memberStart[g]..<memberStart[g + 1]]`.
    private let memberStart: OwnedBuffer<Int32>
    private let memberList: OwnedBuffer<Int32>
    /// Per service: its group and its place in it, or -1 for a service taken from another
    /// evaluator.
    private let groupOf: [Int]
    private let memberOf: [Int]
    private var caches: [OutcomeCache]
    /// The groups' keys, flattened: group g's key is `keys[keyStart[g]..<keyStart[g + 1]]`:
    /// the words of `packed` that hold its comparisons, masked to them (then, for services
    /// of no one country, the jurisdiction).
    private let keys: OwnedBuffer<UInt64>
    private let keyStart: [Int]
    /// Per group, flattened like the keys: which word of `packed` (-1: the jurisdiction), and its mask.
    private let maskWord: OwnedBuffer<Int32>
    private let maskBits: OwnedBuffer<UInt64>
    private let entries: OwnedBuffer<Int>
    private let hashes: OwnedBuffer<UInt64>
    /// Per service: the status of the current patient.
    private let statusBuffer: OwnedBuffer<UInt8>
    let statuses: UnsafeMutablePointer<UInt8>
    private var missed: [Int] = []
    /// Per service: the status found by the last full evaluation.
    private var outcome: [UInt8]
    /// Storage for the analysis of missed patients, kept from one to the next.
    private var scratch = Evaluator.Analysis(count: 0)
    private var itemWanted: [Bool]
    private(set) var cycleNames: [String] = []
    private var cycleIds: [String: Int32] = [:]
    /// How each canonical comparison came out for the current patient, two bits each.
    private let packed: OwnedBuffer<UInt64>
    /// Per canonical comparison: the comparison (leaf) that stands for it (`ServiceCones.canonical`).
    private let canonical: OwnedBuffer<Int32>
    /// Per jurisdiction symbol met so far (`planOf`): its groups, and the canonical
    /// comparisons their cones read.
    private var planOf: [Int64] = []
    private var plans: [Plan] = []
    /// Per service: the service of another evaluator whose outcome it takes (`share`), or -1.
    let sharedFrom: [Int]

    /// A class, so that reaching a plan's buffers copies one reference, not every buffer's.
    final class Plan {
        let groups: OwnedBuffer<Int32>
        /// Comparisons worked out one by one (canonical indices).
        let leaves: OwnedBuffer<Int32>
        /// Facts tested by several comparisons that do not depend on the date: their
        /// outcomes are remembered by the fact's value, in a small direct-mapped table per
        /// fact (a value seen before costs one lookup instead of a comparison each). Memo
        /// m reads slot `memoSlot[m]` and has the comparisons
        /// `memoLeaves[memoStart[m]..<memoStart[m + 1]]` (at most 32, two bits each in
        /// the remembered outcome word).
        let memoSlot: OwnedBuffer<Int32>
        let memoStart: OwnedBuffer<Int32>
        let memoLeaves: OwnedBuffer<Int32>
        /// Per memo and table row (`m * memoRows + row`): the value (tag 255: empty row) and the outcome word.
        let memoTag: OwnedBuffer<UInt8>
        let memoBits: OwnedBuffer<Int64>
        let memoCode: OwnedBuffer<UInt64>
        let memoOutcome: OwnedBuffer<UInt64>
        /// Comparisons on a yes/no or one-of fact, read from a table made when the plan
        /// was: table leaf t (canonical `tableLeaf[t]`) reads slot `tableSlot[t]`; a value
        /// of tag `tableTag[t]` and bits b has the code `tableCodes[tableStart[t] + b + 1]`
        /// when `b + 1 < tableSize[t]`, an unknown value `tableCodes[tableStart[t]]`.
        let tableLeaf: OwnedBuffer<Int32>
        let tableSlot: OwnedBuffer<Int32>
        let tableTag: OwnedBuffer<UInt8>
        let tableStart: OwnedBuffer<Int32>
        let tableSize: OwnedBuffer<Int32>
        let tableCodes: OwnedBuffer<UInt8>

        struct TableLeaf {
            var leaf: Int32
            var slot: Int32
            var tag: SlotValue.Tag
            /// Codes for unknown, then for bits 0, 1, ...
            var codes: [UInt8]
        }

        init(groups: [Int32], leaves: [Int32], memos: [(slot: Int32, leaves: [Int32])], tables: [TableLeaf]) {
            self.groups = OwnedBuffer(groups)
            self.leaves = OwnedBuffer(leaves)
            tableLeaf = OwnedBuffer(tables.map(\.leaf))
            tableSlot = OwnedBuffer(tables.map(\.slot))
            tableTag = OwnedBuffer(tables.map(\.tag.rawValue))
            tableStart = OwnedBuffer(tables.reduce(into: [Int32(0)]) { $0.append($0[$0.count - 1] + Int32($1.codes.count)) })
            tableSize = OwnedBuffer(tables.map { Int32($0.codes.count) })
            tableCodes = OwnedBuffer(tables.flatMap(\.codes))
            memoSlot = OwnedBuffer(memos.map(\.slot))
            memoStart = OwnedBuffer(memos.reduce(into: [Int32(0)]) { $0.append($0[$0.count - 1] + Int32($1.leaves.count)) })
            memoLeaves = OwnedBuffer(memos.flatMap(\.leaves))
            let rows = memos.count * CohortEvaluator.memoRows
            memoTag = OwnedBuffer(repeating: 255, count: rows)
            memoBits = OwnedBuffer(repeating: 0, count: rows)
            memoCode = OwnedBuffer(repeating: 0, count: rows)
            memoOutcome = OwnedBuffer(repeating: 0, count: rows)
        }
    }

    static let memoRows = 64

    /// - Parameter sharedFrom: per service, the service of another evaluator whose
    ///   outcome it takes instead of being evaluated (see `share(from:)`), or -1.
    init(program: Program, sharedFrom: [Int]? = nil) {
        evaluator = Evaluator(program: program, rememberDerived: true)
        let cones = ServiceCones(program)
        self.cones = cones
        let shared = sharedFrom ?? Array(repeating: -1, count: program.serviceCount)
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
        memberStart = OwnedBuffer(members.reduce(into: [Int32(0)]) { $0.append($0[$0.count - 1] + Int32($1.count)) })
        memberList = OwnedBuffer(members.flatMap { $0.map(Int32.init) })
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
        keys = OwnedBuffer(repeating: 0, count: keyStart[keyStart.count - 1])
        maskWord = OwnedBuffer(masks.flatMap { $0.map(\.word) })
        maskBits = OwnedBuffer(masks.flatMap { $0.map(\.bits) })
        entries = OwnedBuffer(repeating: 0, count: members.count)
        hashes = OwnedBuffer(repeating: 0, count: members.count)
        statusBuffer = OwnedBuffer(repeating: 6, count: program.serviceCount)
        statuses = statusBuffer.pointer
        itemWanted = Array(repeating: false, count: program.items.count)
        outcome = Array(repeating: 6, count: program.serviceCount)
        packed = OwnedBuffer(repeating: 0, count: (cones.canonical.count * 2 + 63) / 64 + 1)
        canonical = OwnedBuffer(cones.canonical)
    }

    var program: Program { evaluator.program }

    /// Services that share one cache: those whose cones read the same comparisons, then
    /// a group whose comparisons are all read by a larger group's cones joins it (the
    /// larger group's key decides its outcome too), up to `OutcomeCache.maxMembers`
    /// services a group. Services of different countries never share. The first
    /// service of a group has the group's comparisons.
    /// - Parameters:
    ///   - jurisdiction: per service, its country's symbol (-1: none).
    ///   - leaves: per service, the canonical comparisons of its cone.
    static func groups(jurisdiction: [Int64], leaves coneLeaves: [[Int32]], evaluated: [Int]) -> [[Int]] {
        var same: [[Int]] = []
        var open: [String: Int] = [:]
        for s in evaluated {
            let signature = "\(jurisdiction[s])|\(coneLeaves[s])"
            if let g = open[signature], same[g].count < OutcomeCache.maxMembers {
                same[g].append(s)
            } else {
                open[signature] = same.count
                same.append([s])
            }
        }
        // Largest first, so that every group can look for a host among those before it.
        let leaves = same.map { Set(coneLeaves[$0[0]]) }
        let order = same.indices.sorted { (leaves[$0].count, $1) > (leaves[$1].count, $0) }
        var hosts: [Int] = []
        var merged: [Int: [Int]] = [:]
        for g in order {
            let country = jurisdiction[same[g][0]]
            let host = hosts.filter {
                jurisdiction[same[$0][0]] == country && leaves[g].isSubset(of: leaves[$0])
                    && merged[$0, default: same[$0]].count + same[g].count <= OutcomeCache.maxMembers
            }.min { (leaves[$0].count, $0) < (leaves[$1].count, $1) }
            if let host { merged[host, default: same[host]] += same[g] } else { hosts.append(g) }
        }
        return hosts.sorted().map { merged[$0] ?? same[$0] }
    }

    /// Code tables for comparisons on a yes/no or one-of fact (nil for other facts): the
    /// code of each comparison for an unknown value and for every value the fact can take.
    private static func tableLeaves(_ leaves: [Int32], slot: Int, cones: ServiceCones, evaluator: Evaluator) -> [Plan.TableLeaf]? {
        let program = evaluator.program
        let values: [SlotValue]
        let tag: SlotValue.Tag
        switch program.factTypes[slot] {
        case .bool:
            values = [.bool(false), .bool(true)]
            tag = .bool
        case .enumeration(let names):
            let ids = names.map { program.vocabulary.symbol($0) }
            guard let top = ids.max(), top >= 0, top < 4096 else { return nil }
            values = (0...top).map { SlotValue.symbol($0) }
            tag = .symbol
        default:
            return nil
        }
        return leaves.map { leaf in
            let index = Int(cones.canonical[Int(leaf)])
            let known = program.hotLeaves[index].kind == .known
            let codes = [UInt8(known ? 0 : 2)] + values.map { UInt8(known ? 1 : evaluator.holds(leaf: index, $0) ? 1 : 0) }
            return Plan.TableLeaf(leaf: leaf, slot: Int32(slot), tag: tag, codes: codes)
        }
    }

    private mutating func plan(for j: Int64) -> Int {
        for (index, known) in planOf.enumerated() where known == j { return index }
        let groups = members.indices.filter {
            let country = cones.jurisdiction[members[$0][0]]
            return country == -1 || country == j
        }
        let leaves = Set(groups.flatMap { cones.canonicalLeaves[members[$0][0]] }).sorted()
        // Facts with three or more comparisons, none of them relative to the date, are
        // remembered by value; the rest are worked out one by one.
        let program = self.program
        let bySlot = Dictionary(grouping: leaves) { program.hotLeaves[Int(cones.canonical[Int($0)])].slot }
        var single: [Int32] = []
        var tables: [Plan.TableLeaf] = []
        var memos: [(slot: Int32, leaves: [Int32])] = []
        for (slot, own) in bySlot.sorted(by: { $0.key < $1.key }) {
            let dated = own.contains {
                let kind = program.hotLeaves[Int(cones.canonical[Int($0)])].kind
                return kind == .olderThan || kind == .within
            }
            if own.count >= 3 && !dated {
                for start in stride(from: 0, to: own.count, by: 32) {
                    memos.append((slot, Array(own[start..<min(own.count, start + 32)])))
                }
            } else if !dated, let table = Self.tableLeaves(own, slot: Int(slot), cones: cones, evaluator: evaluator) {
                tables += table
            } else {
                single += own
            }
        }
        planOf.append(j)
        plans.append(Plan(groups: groups.map(Int32.init), leaves: single.sorted(), memos: memos, tables: tables))
        return plans.count - 1
    }

    /// Evaluates one patient; afterwards `statuses` and `cycles(of:)` tell the outcome.
    mutating func evaluate(_ inputs: [SlotValue], asOf: Day) {
        let js = program.jurisdictionSlot
        let j: Int64 = js >= 0 && js < inputs.count && inputs[js].isKnown ? inputs[js].bits : -2
        missed.removeAll(keepingCapacity: true)
        let statuses = self.statuses
        for s in 0..<statusBuffer.count { statuses[s] = 6 }
        let plan = plans[plans.isEmpty || planOf[0] != j ? self.plan(for: j) : 0]
        let groups = plan.groups.pointer
        let groupCount = plan.groups.count
        // Nothing to evaluate here (e.g. every service of this country is taken from the
        // current rules in a diff): skip reading the patient into the evaluator at all.
        if groupCount == 0 { return }
        evaluator.load(inputs: inputs, asOf: asOf)
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
        for s in outcome.indices { outcome[s] = 6 }
        var found: [Int: [Int32]] = [:]
        for verdict in evaluator.verdicts(missingFacts: false, reusing: &scratch) {
            outcome[verdict.item] = UInt8(Status.allCases.firstIndex(of: verdict.status) ?? 6)
            if verdict.status == .deadlocked, !verdict.cycle.isEmpty {
                let id = cycleId(CohortDiff.cycleKey(verdict.cycle.map { program.items[$0].id }))
                found[verdict.item, default: []].append(id)
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
        let g = groupOf[service]
        guard g >= 0, statuses[service] == 5 else { return -1 }
        return caches[g].cycle(entries.pointer[g], member: memberOf[service], k)
    }

    /// Takes the outcome of the services named in `sharedFrom` from the other evaluator.
    func share(from other: UnsafeMutablePointer<CohortEvaluator>) {
        let source = other.pointee.statuses
        for (service, from) in sharedFrom.enumerated() where from >= 0 { statuses[service] = source[from] }
    }
}

extension Evaluator {
    /// Works out how each comparison of a cohort plan comes out for the loaded patient,
    /// two bits each into `packed` (canonical comparison c at bits `2 * (c % 32)` of word
    /// `c / 32`). A method of the evaluator, so that its comparisons are called on it in
    /// place rather than on a copy.
    func packLeafCodes(_ plan: CohortEvaluator.Plan, canonical: UnsafeMutablePointer<Int32>,
                       into packed: UnsafeMutablePointer<UInt64>, words: Int) {
        for w in 0..<words { packed[w] = 0 }
        let leaves = plan.leaves.pointer, leafCount = plan.leaves.count
        let memoSlot = plan.memoSlot.pointer, memoCount = plan.memoSlot.count
        let memoStart = plan.memoStart.pointer, memoLeaves = plan.memoLeaves.pointer
        let tags = plan.memoTag.pointer, bits = plan.memoBits.pointer
        let codes = plan.memoCode.pointer, outcomes = plan.memoOutcome.pointer
        for k in 0..<leafCount {
            let leaf = leaves[k]
            packed[Int(leaf >> 5)] |= leafCode(Int(canonical[Int(leaf)])) << UInt64((leaf & 31) * 2)
        }
        let tableLeaf = plan.tableLeaf.pointer, tableSlot = plan.tableSlot.pointer, tableTag = plan.tableTag.pointer
        let tableStart = plan.tableStart.pointer, tableSize = plan.tableSize.pointer, tableCodes = plan.tableCodes.pointer
        for t in 0..<plan.tableLeaf.count {
            let leaf = tableLeaf[t]
            let value = initial[Int(tableSlot[t])]
            let row = value.tag == .unknown ? 0 : value.tag.rawValue == tableTag[t] ? Int(truncatingIfNeeded: value.bits) &+ 1 : -1
            let code = row >= 0 && row < Int(tableSize[t]) ? UInt64(tableCodes[Int(tableStart[t]) + row]) : leafCode(Int(canonical[Int(leaf)]))
            packed[Int(leaf >> 5)] |= code << UInt64((leaf & 31) * 2)
        }
        for m in 0..<memoCount {
            let value = initial[Int(memoSlot[m])]
            let mixed = (UInt64(bitPattern: value.bits) ^ (value.code &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(value.tag.rawValue)) &* 0xBF58_476D_1CE4_E5B9
            let row = m &* CohortEvaluator.memoRows &+ Int(truncatingIfNeeded: mixed >> 58)
            let first = Int(memoStart[m]), count = Int(memoStart[m + 1]) - first
            var outcome: UInt64
            if tags[row] == value.tag.rawValue && bits[row] == value.bits && codes[row] == value.code {
                outcome = outcomes[row]
            } else {
                outcome = 0
                for k in 0..<count {
                    outcome |= leafCode(Int(canonical[Int(memoLeaves[first + k])])) << UInt64(2 * k)
                }
                tags[row] = value.tag.rawValue
                bits[row] = value.bits
                codes[row] = value.code
                outcomes[row] = outcome
            }
            for k in 0..<count {
                let leaf = memoLeaves[first + k]
                packed[Int(leaf >> 5)] |= (outcome >> UInt64(2 * k) & 3) << UInt64((leaf & 31) * 2)
            }
        }
    }
}

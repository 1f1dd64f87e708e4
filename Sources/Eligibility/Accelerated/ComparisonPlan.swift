/// How one country's comparisons are worked out for each of its patients in a cohort
/// run: the cache groups evaluated for its patients and their comparisons, each read the
/// cheapest way. Made once per country by each `CohortEvaluator`; a class, so that
/// reaching a plan's buffers copies one reference, not every buffer's.
final class ComparisonPlan {
    static let memoRows = 64

    /// The cache groups evaluated for the country's patients.
    let groups: WorkerTable<Int32>
    /// Comparisons worked out one by one (canonical indices).
    let leaves: WorkerTable<Int32>
    /// Facts tested by several comparisons that do not depend on the date: their
    /// outcomes are remembered by the fact's value, in a small direct-mapped table per
    /// fact (a value seen before costs one lookup instead of a comparison each). Memo
    /// m reads slot `memoSlot[m]` and has the comparisons
    /// `memoLeaves[memoStart[m]..<memoStart[m + 1]]` (at most 32, two bits each in
    /// the remembered outcome word).
    let memoSlot: WorkerTable<Int32>
    let memoStart: WorkerTable<Int32>
    let memoLeaves: WorkerTable<Int32>
    /// Per memo and table row (`m * memoRows + row`): the value (tag 255: empty row) and the outcome word.
    let memoTag: WorkerTable<UInt8>
    let memoBits: WorkerTable<Int64>
    let memoCode: WorkerTable<UInt64>
    let memoOutcome: WorkerTable<UInt64>
    /// Comparisons on a yes/no or one-of fact, read from a table made when the plan
    /// was: table leaf t (canonical `tableLeaf[t]`) reads slot `tableSlot[t]`; a value
    /// of tag `tableTag[t]` and bits b has the code `tableCodes[tableStart[t] + b + 1]`
    /// when `b + 1 < tableSize[t]`, an unknown value `tableCodes[tableStart[t]]`.
    let tableLeaf: WorkerTable<Int32>
    let tableSlot: WorkerTable<Int32>
    let tableTag: WorkerTable<UInt8>
    let tableStart: WorkerTable<Int32>
    let tableSize: WorkerTable<Int32>
    let tableCodes: WorkerTable<UInt8>

    struct TableLeaf {
        var leaf: Int32
        var slot: Int32
        var tag: SlotValue.Tag
        /// Codes for unknown, then for bits 0, 1, ...
        var codes: [UInt8]
    }

    init(groups: [Int32], leaves: [Int32], memos: [(slot: Int32, leaves: [Int32])], tables: [TableLeaf]) {
        self.groups = WorkerTable(groups)
        self.leaves = WorkerTable(leaves)
        tableLeaf = WorkerTable(tables.map(\.leaf))
        tableSlot = WorkerTable(tables.map(\.slot))
        tableTag = WorkerTable(tables.map(\.tag.rawValue))
        tableStart = WorkerTable(tables.reduce(into: [Int32(0)]) { $0.append($0[$0.count - 1] + Int32($1.codes.count)) })
        tableSize = WorkerTable(tables.map { Int32($0.codes.count) })
        tableCodes = WorkerTable(tables.flatMap(\.codes))
        memoSlot = WorkerTable(memos.map(\.slot))
        memoStart = WorkerTable(memos.reduce(into: [Int32(0)]) { $0.append($0[$0.count - 1] + Int32($1.leaves.count)) })
        memoLeaves = WorkerTable(memos.flatMap(\.leaves))
        let rows = memos.count * Self.memoRows
        memoTag = WorkerTable(repeating: 255, count: rows)
        memoBits = WorkerTable(repeating: 0, count: rows)
        memoCode = WorkerTable(repeating: 0, count: rows)
        memoOutcome = WorkerTable(repeating: 0, count: rows)
    }

    /// The plan for the given groups: their comparisons, each worked out the cheapest way.
    /// Facts with three or more comparisons, none of them relative to the date, are
    /// remembered by value; comparisons on yes/no and one-of facts are read from tables;
    /// the rest are worked out one by one.
    convenience init(groups: [Int], members: [[Int]], cones: ServiceCones, evaluator: FullEvaluation) {
        let leaves = Set(groups.flatMap { cones.canonicalLeaves[members[$0][0]] }).sorted()
        let rules = evaluator.rules
        let bySlot = Dictionary(grouping: leaves) { rules.leaves[Int(cones.canonical[Int($0)])].slot }
        var single: [Int32] = []
        var tables: [TableLeaf] = []
        var memos: [(slot: Int32, leaves: [Int32])] = []
        for (slot, own) in bySlot.sorted(by: { $0.key < $1.key }) {
            let dated = own.contains {
                let kind = rules.leaves[Int(cones.canonical[Int($0)])].kind
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
        self.init(groups: groups.map(Int32.init), leaves: single.sorted(), memos: memos, tables: tables)
    }

    /// Code tables for comparisons on a yes/no or one-of fact (nil for other facts): the
    /// code of each comparison for an unknown value and for every value the fact can take.
    private static func tableLeaves(_ leaves: [Int32], slot: Int, cones: ServiceCones, evaluator: FullEvaluation) -> [TableLeaf]? {
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
            let known = evaluator.rules.leaves[index].kind == .known
            let codes = [UInt8(known ? 0 : 2)] + values.map { UInt8(known ? 1 : evaluator.holds(leaf: index, $0) ? 1 : 0) }
            return TableLeaf(leaf: leaf, slot: Int32(slot), tag: tag, codes: codes)
        }
    }

}

extension FullEvaluation {
    /// Works out how each comparison of a cohort plan comes out for the loaded patient,
    /// two bits each into `packed` (canonical comparison c at bits `2 * (c % 32)` of word
    /// `c / 32`). A method of the evaluator, so that its comparisons are called on it in
    /// place rather than on a copy.
    func packLeafCodes(_ plan: ComparisonPlan, canonical: UnsafeMutablePointer<Int32>,
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
            let row = m &* ComparisonPlan.memoRows &+ Int(truncatingIfNeeded: mixed >> 58)
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

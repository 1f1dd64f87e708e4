/// Remembers the outcome of patients by the signature that decides it: how each
/// comparison of the rules comes out on the patient's facts, the evaluation date (and,
/// for services of no one country, the jurisdiction). Everything the evaluator does after
/// reading the facts depends on nothing else, so two patients with one signature have one
/// outcome. One cache serves a group of services whose outcomes the same comparisons
/// decide (its members). It starts small and doubles when half full, up to a bound; at
/// the bound it starts afresh, so memory does not grow with the cohort.
struct OutcomeCache {
    let words: Int
    let members: Int
    static let maxCycles = 8
    static let maxMembers = 5
    static let maxCapacity = 1 << 16
    private var capacity: Int
    /// Entries side by side, so a lookup touches one place: the key's words, then a word
    /// with the members' statuses in bits 0-14 (three bits each), the entry's row in
    /// `cycles` in bits 15-31 (0: none), the evaluation date in bits 32-62 and the top
    /// bit set (0 marks an empty entry).
    private var table: [UInt64]
    private var stride: Int { words + 1 }
    private static let used: UInt64 = 1 << 63
    /// Rows of `maxCycles` cycle ids per member, -1 padded, for outcomes with a deadlock.
    private var cycles: [Int32] = []
    private var count = 0

    init(words: Int, members: Int = 1, capacity: Int = 1 << 8) {
        precondition(capacity & (capacity - 1) == 0, "capacity must be a power of two")
        precondition(members >= 1 && members <= Self.maxMembers)
        self.words = words
        self.members = members
        self.capacity = capacity
        table = Array(repeating: 0, count: capacity * (words + 1))
    }

    /// The date as it is kept in an entry.
    static func dateBits(_ day: Int32) -> UInt64 { UInt64(UInt32(bitPattern: day) & 0x7FFF_FFFF) << 32 }

    /// The date kept in an entry's info word (sign-extended from its 31 bits).
    static func day(ofInfo info: UInt64) -> Int32 { Int32(bitPattern: UInt32(truncatingIfNeeded: info >> 31) & ~1) >> 1 }

    static func hash(_ key: UnsafeBufferPointer<UInt64>, day: Int32) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ (UInt64(UInt32(bitPattern: day)) &* 0xD6E8_FEB8_6659_FD93)
        for w in key {
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
        }
        return h
    }

    /// Forgets every outcome.
    mutating func removeAll() {
        for i in table.indices { table[i] = 0 }
        cycles.removeAll(keepingCapacity: true)
        count = 0
    }

    /// The entry holding this key, or nil.
    func find(_ key: UnsafeBufferPointer<UInt64>, hash: UInt64, day: Int32) -> Int? {
        let date = Self.dateBits(day)
        return table.withUnsafeBufferPointer { t in
            var i = Int(truncatingIfNeeded: hash) & (capacity - 1)
            while true {
                let at = i * stride
                let info = t[at + words]
                if info == 0 { return nil }
                var same = info & 0x7FFF_FFFF_0000_0000 == date
                for w in 0..<words where t[at + w] != key[w] { same = false; break }
                if same { return i }
                i = (i + 1) & (capacity - 1)
            }
        }
    }

    /// Stores an outcome and returns its entry.
    /// - Parameters:
    ///   - status: each member's status.
    ///   - cycles: each member's deadlock cycles (the first `maxCycles` are kept).
    mutating func insert(_ key: UnsafeBufferPointer<UInt64>, hash: UInt64, day: Int32,
                         status: (_ member: Int) -> CohortStatus, cycles found: (_ member: Int) -> [Int32]) -> Int {
        if count * 2 >= capacity {
            if capacity < Self.maxCapacity { grow() } else { removeAll() }
        }
        var i = Int(truncatingIfNeeded: hash) & (capacity - 1)
        while table[i * stride + words] != 0 { i = (i + 1) & (capacity - 1) }
        let at = i * stride
        for w in 0..<words { table[at + w] = key[w] }
        var row: UInt64 = 0
        var word = Self.used | Self.dateBits(day)
        for m in 0..<members {
            word |= UInt64(status(m).rawValue) << UInt64(3 * m)
            let own = found(m)
            if own.isEmpty { continue }
            if row == 0 {
                row = UInt64(cycles.count / (Self.maxCycles * members) + 1)
                cycles.append(contentsOf: repeatElement(-1, count: Self.maxCycles * members))
            }
            let at = (Int(row) - 1) * Self.maxCycles * members + m * Self.maxCycles
            for c in 0..<min(own.count, Self.maxCycles) { cycles[at + c] = own[c] }
        }
        word |= row << 15
        table[at + words] = word
        count += 1
        return i
    }

    /// Doubles the table: entries move to their place in the bigger one as they are
    /// (their cycle rows stay where they are).
    private mutating func grow() {
        let old = table
        let oldCapacity = capacity
        let capacity = oldCapacity * 2
        let stride = self.stride, words = self.words
        var bigger = [UInt64](repeating: 0, count: capacity * stride)
        bigger.withUnsafeMutableBufferPointer { t in
            old.withUnsafeBufferPointer { o in
                for e in 0..<oldCapacity where o[e * stride + words] != 0 {
                    let from = e * stride
                    let key = UnsafeBufferPointer(rebasing: o[from..<(from + words)])
                    let day = Self.day(ofInfo: o[from + words])
                    var i = Int(truncatingIfNeeded: Self.hash(key, day: day)) & (capacity - 1)
                    while t[i * stride + words] != 0 { i = (i + 1) & (capacity - 1) }
                    for w in 0...words { t[i * stride + w] = o[from + w] }
                }
            }
        }
        table = bigger
        self.capacity = capacity
    }

    /// The status of one member in an entry.
    @inline(__always)
    func status(_ entry: Int, member: Int) -> CohortStatus {
        CohortStatus(bits: table[entry * stride + words] >> UInt64(3 * member))
    }

    /// The k-th deadlock cycle of one member in an entry, or -1.
    func cycle(_ entry: Int, member: Int, _ k: Int) -> Int32 {
        let row = Int((table[entry * stride + words] >> 15) & 0x1_FFFF)
        return row == 0 ? -1 : cycles[(row - 1) * Self.maxCycles * members + member * Self.maxCycles + k]
    }
}

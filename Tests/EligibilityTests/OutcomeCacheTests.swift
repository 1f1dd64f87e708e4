import Testing
@testable import Eligibility

@Suite("Outcome cache")
struct OutcomeCacheTests {
    /// Inserts `count` keys of two words for three members; member m of key k has status
    /// (k + m) % 7 and, for every fifth key, the cycle ids k and k + 1.
    static func filled(_ count: Int, day: Int32 = 7) -> (OutcomeCache, [Int]) {
        var cache = OutcomeCache(words: 2, members: 3)
        var entries: [Int] = []
        for k in 0..<count {
            let key: [UInt64] = [UInt64(k) &* 0x9E37_79B9, UInt64(k % 3)]
            let cycles: [[Int32]] = k % 5 == 0 ? [[Int32(k), Int32(k + 1)], [], [Int32(k)]] : [[], [], []]
            entries.append(key.withUnsafeBufferPointer {
                cache.insert($0, hash: OutcomeCache.hash($0, day: day), day: day, status: { CohortStatus.allCases[(k + $0) % 7] }, cycles: { cycles[$0] })
            })
        }
        return (cache, entries)
    }

    @Test("Every outcome is found again, with its members' statuses and cycles, after the table has grown")
    func growKeepsOutcomes() {
        let (cache, _) = Self.filled(5000)
        for k in 0..<5000 {
            let key: [UInt64] = [UInt64(k) &* 0x9E37_79B9, UInt64(k % 3)]
            let entry = key.withUnsafeBufferPointer { cache.find($0, hash: OutcomeCache.hash($0, day: 7), day: 7) }
            guard let entry else { Issue.record("key \(k) lost"); continue }
            #expect((0..<3).map { cache.status(entry, member: $0) } == (0..<3).map { CohortStatus.allCases[(k + $0) % 7] })
            let cycles = (0..<3).map { m in (0..<OutcomeCache.maxCycles).map { cache.cycle(entry, member: m, $0) }.filter { $0 >= 0 } }
            #expect(cycles == (k % 5 == 0 ? [[Int32(k), Int32(k + 1)], [], [Int32(k)]] : [[], [], []]))
            // The same key on another day is another outcome.
            #expect(key.withUnsafeBufferPointer { cache.find($0, hash: OutcomeCache.hash($0, day: 8), day: 8) } == nil)
        }
    }

    @Test("Outcomes on dates before 1970 are found again after the table has grown")
    func earlyDates() {
        let day = Day(year: 1960, month: 3, day: 1)!.ordinal
        #expect(day < 0)
        let (cache, _) = Self.filled(1000, day: day)
        for k in 0..<1000 {
            let key: [UInt64] = [UInt64(k) &* 0x9E37_79B9, UInt64(k % 3)]
            #expect(key.withUnsafeBufferPointer { cache.find($0, hash: OutcomeCache.hash($0, day: day), day: day) } != nil, "key \(k)")
        }
        #expect(OutcomeCache.day(ofInfo: OutcomeCache.dateBits(day) | 1 << 63 | 0xFFFF_FFFF) == day)
    }

    @Test("At its bound the cache starts afresh instead of growing")
    func boundedMemory() {
        let (cache, _) = Self.filled(OutcomeCache.maxCapacity / 2 + 10)
        let first: [UInt64] = [0, 0]
        #expect(first.withUnsafeBufferPointer { cache.find($0, hash: OutcomeCache.hash($0, day: 7), day: 7) } == nil)
        let last = OutcomeCache.maxCapacity / 2 + 9
        let key: [UInt64] = [UInt64(last) &* 0x9E37_79B9, UInt64(last % 3)]
        #expect(key.withUnsafeBufferPointer { cache.find($0, hash: OutcomeCache.hash($0, day: 7), day: 7) } != nil)
    }
}

@Suite("Cohort cache groups")
struct CacheGroupTests {
    @Test("Services with the same comparisons share a cache; one whose comparisons are a subset joins a larger group of its country")
    func grouping() {
        let leaves: [[Int32]] = [
            [1, 2, 3],          // 0: joins 4
            [1, 2],             // 1: joins 4 too (0 is no longer a group of its own)
            [1, 2],             // 2: same comparisons as 1
            [4],                // 3: joins 4
            [1, 2, 3, 4, 5],    // 4: the largest, first in its group
            [1, 2],             // 5: another country: alone
            [9],                // 6: not evaluated
        ]
        let countries: [Int64] = [7, 7, 7, 7, 7, 8, 7]
        let groups = CohortEvaluator.groups(jurisdiction: countries, leaves: leaves, evaluated: [0, 1, 2, 3, 4, 5])
        #expect(groups == [[4, 0, 1, 2, 3], [5]])
        // The first service of each group has the group's comparisons (its key).
        for group in groups { #expect(group.allSatisfy { Set(leaves[$0]).isSubset(of: Set(leaves[group[0]])) }) }
    }

    @Test("A group holds at most the members an entry has room for")
    func bounded() {
        let leaves = Array(repeating: [Int32(1), 2], count: 7) + [[1, 2, 3]]
        let groups = CohortEvaluator.groups(jurisdiction: Array(repeating: 1, count: 8), leaves: leaves, evaluated: Array(0..<8))
        #expect(groups.allSatisfy { $0.count <= OutcomeCache.maxMembers })
        #expect(groups.flatMap { $0 }.sorted() == Array(0..<8))
    }
}

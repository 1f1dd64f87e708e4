import Testing
@testable import Eligibility

@Suite("Outcome cache")
struct OutcomeCacheTests {
    /// Inserts `count` keys of two words for three members; member m of key k has status
    /// (k + m) % 7 and, for every fifth key, the cycle ids k and k + 1.
    static func filled(_ count: Int) -> (OutcomeCache, [Int]) {
        var cache = OutcomeCache(words: 2, members: 3)
        var entries: [Int] = []
        for k in 0..<count {
            let key: [UInt64] = [UInt64(k) &* 0x9E37_79B9, UInt64(k % 3)]
            let cycles: [[Int32]] = k % 5 == 0 ? [[Int32(k), Int32(k + 1)], [], [Int32(k)]] : [[], [], []]
            entries.append(key.withUnsafeBufferPointer {
                cache.insert($0, hash: OutcomeCache.hash($0, day: 7), day: 7, status: { UInt8((k + $0) % 7) }, cycles: { cycles[$0] })
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
            #expect((0..<3).map { cache.status(entry, member: $0) } == (0..<3).map { UInt8((k + $0) % 7) })
            let cycles = (0..<3).map { m in (0..<OutcomeCache.maxCycles).map { cache.cycle(entry, member: m, $0) }.filter { $0 >= 0 } }
            #expect(cycles == (k % 5 == 0 ? [[Int32(k), Int32(k + 1)], [], [Int32(k)]] : [[], [], []]))
            // The same key on another day is another outcome.
            #expect(key.withUnsafeBufferPointer { cache.find($0, hash: OutcomeCache.hash($0, day: 8), day: 8) } == nil)
        }
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

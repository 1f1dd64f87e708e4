/// The items a plan needs, each with the items it directly enables, kept by item index:
/// a plan is worked out for every open service of every check, and tables by index answer
/// "is it needed" and "what does it enable" without hashing. What an item enables is a row
/// of bits, so the tables hold plain words that cost nothing to drop.
struct PlanNeeds {
    /// Whether the plan needs each item.
    private var needed: [Bool]
    /// Row `item`, `wordsPerRow` words: bit `other` set when `item` enables `other`.
    private var enabling: [UInt64]
    private let wordsPerRow: Int

    /// Needs nothing yet, among `itemCount` items.
    init(itemCount: Int) {
        needed = Array(repeating: false, count: itemCount)
        wordsPerRow = (itemCount + 63) / 64
        enabling = Array(repeating: 0, count: itemCount * wordsPerRow)
    }

    /// The items the plan needs, in index order.
    var items: [Int] { needed.indices.filter { needed[$0] } }

    func needs(_ item: Int) -> Bool { needed[item] }

    /// The items `item` enables, in index order; nil when the plan does not need it.
    func enabled(by item: Int) -> [Int]? {
        guard needed[item] else { return nil }
        var result: [Int] = []
        for w in 0..<wordsPerRow {
            var bits = enabling[item * wordsPerRow + w]
            while bits != 0 {
                result.append(w * 64 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
        return result
    }

    /// The plan needs `item` (enabling nothing more than it did).
    mutating func need(_ item: Int) {
        needed[item] = true
    }

    /// The plan needs `item`, which enables `other`.
    mutating func need(_ item: Int, enabling other: Int) {
        needed[item] = true
        enabling[item * wordsPerRow + other / 64] |= 1 << UInt64(other % 64)
    }

    /// What either plan needs, and what each of its items enables in either (the two plans
    /// are among the same items).
    mutating func merge(_ other: PlanNeeds) {
        for item in needed.indices where other.needed[item] { needed[item] = true }
        for w in enabling.indices { enabling[w] |= other.enabling[w] }
    }
}

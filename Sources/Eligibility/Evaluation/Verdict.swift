/// Why one item waits for another: a prerequisite line, or a criterion that only the
/// other item's effect can satisfy.
struct Dependency: Sendable, Hashable {
    enum Reason: Sendable, Hashable {
        /// The prerequisite at this index of the item's `requires`.
        case requires(Int)
        /// A comparison (leaf index) that the other item's effect would satisfy.
        case effect(leaf: Int, wantTrue: Bool)
    }
    var from: Int
    var to: Int
    var reason: Reason
}

/// The bare outcome of one service, by item numbers: what explanations build on and
/// what the two engines are compared by.
package struct Verdict: Sendable, Hashable {
    package var item: Int
    package var status: Status
    /// Items the service waits for directly (blocked, deadlocked).
    package var blockedBy: [Int] = []
    /// The item at the root of a block.
    package var rootCause: Int?
    /// For deadlocks: the cycle, starting at the item with the smallest id (the
    /// deadlock's identity everywhere: reports, `diff`, cohort output).
    package var cycle: [Int] = []
    /// Unknown input facts (slots) that decide a needs_info outcome.
    package var missing: [Int] = []
}

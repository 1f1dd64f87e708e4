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

/// The bare outcome of one service: what a cohort run keeps, and what explanations build on.
public struct Verdict: Sendable, Hashable {
    public var item: Int
    public var status: Status
    /// Items the service waits for directly (blocked, deadlocked).
    public var blockedBy: [Int] = []
    /// The item at the root of a block.
    public var rootCause: Int?
    /// For deadlocks: the cycle, starting at the service itself when it is on it.
    public var cycle: [Int] = []
    /// Unknown input facts (slots) that decide a needs_info outcome.
    public var missing: [Int] = []
}

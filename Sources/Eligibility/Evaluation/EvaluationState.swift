/// One patient's evaluation as the status analysis reads it: which items are active,
/// granted and eligible now, and how conditions come out. The reference `Evaluator` is
/// one; the cohort engine's `FullEvaluation` is another, reading its own flat tables, so
/// both engines share one analysis and differ only in how they reach the fixed point.
protocol EvaluationState {
    var program: Program { get }
    /// Per item: of the patient's jurisdiction and in force on the evaluation date.
    var active: [Bool] { get }
    /// Per item: reached by the fixed point.
    var granted: [Bool] { get }
    /// Per item: holds on the patient's facts alone.
    var eligibleNow: [Bool] { get }
    /// The patient's facts, then the derived facts.
    var initial: [SlotValue] { get }
    /// Whether a condition can be made true (`wantTrue`) or false (see `Evaluator.eval`).
    func eval(_ node: Int32, _ wantTrue: Bool) -> Kleene
    /// An item's criteria (an action's `when`): a condition node, or -1.
    func criteria(of item: Int) -> Int32
    func isCostly(_ item: Int) -> Bool
    func prerequisiteCount(of item: Int) -> Int
    /// The k-th prerequisite of an item: the item it waits for and the condition under
    /// which it applies (-1: always).
    func prerequisite(_ k: Int, of item: Int) -> (item: Int, when: Int32)
    /// Items whose effects can make comparison `leaf` true (or false).
    func achievers(ofLeaf leaf: Int, wantTrue: Bool) -> ArraySlice<Int32>
}

extension EvaluationState {
    func isActive(_ item: Int) -> Bool { active[item] }
    func isGranted(_ item: Int) -> Bool { granted[item] }
    func isEligibleNow(_ item: Int) -> Bool { eligibleNow[item] }
    func isKnown(slot: Int) -> Bool { initial[slot].isKnown }
}

extension Evaluator: EvaluationState {
    func criteria(of item: Int) -> Int32 { program.items[item].criteria }
    func isCostly(_ item: Int) -> Bool { program.items[item].isCostly }
    func prerequisiteCount(of item: Int) -> Int { program.items[item].requires.count }

    func prerequisite(_ k: Int, of item: Int) -> (item: Int, when: Int32) {
        let prerequisite = program.items[item].requires[k]
        return (prerequisite.item, prerequisite.when)
    }

    func achievers(ofLeaf leaf: Int, wantTrue: Bool) -> ArraySlice<Int32> {
        program.leaves[leaf].achievers[wantTrue ? 0 : 1][...]
    }
}

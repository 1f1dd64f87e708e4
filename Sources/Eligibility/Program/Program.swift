/// The rules compiled once for fast evaluation: facts become numbered slots, conditions a
/// flat array of nodes, services and actions numbered items. Evaluating a patient touches
/// only arrays of plain values.
public struct Program: Sendable {
    // MARK: facts
    public let factNames: [String]
    public let factTypes: [FactType]
    let slotOf: [String: Int]
    /// Number of input facts; derived slots follow them.
    public let inputCount: Int
    /// Interned text: enum values and string literals, id = index.
    let symbols: [String]
    let symbolIds: [String: Int32]
    /// Per slot: the values effects can give it (bit i of a mask = literals[slot][i]).
    let literals: [[SlotValue]]
    let derived: [CompiledDerived]

    // MARK: conditions
    let nodes: [ConditionNode]
    let children: [Int32]
    let leaves: [CompiledLeaf]
    /// Per node: the note that explains it (own, or inherited from an enclosing condition).
    let nodeNotes: [Int32]
    let notes: [RuleNote]

    // MARK: services and actions
    public let items: [CompiledItem]
    public let serviceCount: Int
    let itemIndex: [String: Int]
    let jurisdictionSlot: Int

    public let library: RuleLibrary
    public let vocabulary: Vocabulary

    // MARK: hot tables (see HotProgram.swift)
    let hotLeaves: [HotLeaf]
    let hotValues: [SlotValue]
    let hotRanges: [HotRange]
    let durations: [Duration]
    let hotItems: [HotItem]
    let hotPrerequisites: [HotPrerequisite]
    let hotEffects: [HotEffect]
    let hotDerived: [HotDerived]
    let hotCases: [HotCase]
    /// Per leaf and polarity (index leaf * 2 + (true ? 0 : 1)): where its achievers are in `achieverList`.
    let achieverRanges: [(start: Int32, count: Int32)]
    let achieverList: [Int32]
    /// Filled after compiling: the order in which one pass reaches the fixed point.
    var grantOrder = GrantOrder.empty

    public func slot(_ fact: String) -> Int? { slotOf[fact] }
    public func item(_ id: String) -> Int? { itemIndex[id] }
    func symbol(_ text: String) -> Int32 { symbolIds[text] ?? -1 }
}

/// A condition node: `all`/`any` over children, `not` of one child, or a comparison leaf.
struct ConditionNode: Sendable {
    enum Kind: UInt8, Sendable { case all, any, not, leaf }
    var kind: Kind
    /// Children start (in `children`) or leaf index.
    var first: Int32
    var count: Int32
}

/// A comparison ready to run.
struct CompiledLeaf: Sendable {
    enum Test: Sendable {
        case equals(SlotValue)
        case oneOf([SlotValue])
        case atLeast(Double)
        case atMost(Double)
        case between(Double, Double)
        case before(Int64)
        case after(Int64)
        case olderThan(Duration)
        case within(Duration)
        case icd10([(low: UInt64, high: UInt64, highMask: UInt64)])
        case known(Bool)
    }
    var slot: Int
    var test: Test
    /// Which effect literals of the slot make the comparison true, and which false.
    var trueMask: UInt64
    var falseMask: UInt64
    var comparison: Comparison
    /// Items whose effects can make it true (index 0) or false (index 1).
    var achievers: [[Int32]]
}

/// Where a rule is written, why, and what it cites: the raw stuff of explanations.
public struct RuleNote: Sendable {
    public var origin: RuleOrigin
    public var because: String?
    public var sources: [String]
}

struct CompiledDerived: Sendable {
    enum Rule: Sendable {
        case cases([(when: Int32, valueBit: Int)], otherwiseBit: Int?)
        case daysSince(Int)
    }
    var slot: Int
    var rule: Rule
    /// Input slots it reads, directly or through other derived facts.
    var inputs: [Int]
}

/// A service or an action, numbered; services come first.
public struct CompiledItem: Sendable {
    public var id: String
    public var isService: Bool
    public var jurisdiction: String?
    public var validFrom: Day
    public var validTo: Day?
    /// Condition node, or -1 when there is none.
    var criteria: Int32
    var requires: [CompiledPrerequisite]
    var effects: [(slot: Int, bit: Int)]
    public var isCostly: Bool
    var note: RuleNote

}

struct CompiledPrerequisite: Sendable {
    var item: Int
    var when: Int32
    var note: RuleNote
}

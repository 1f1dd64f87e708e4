/// The rules compiled once: facts become numbered slots, conditions a flat array of
/// nodes, services and actions numbered items. The reference evaluator reads it as it
/// is; the cohort engine flattens it further (`CohortProgram`, built from it).
package struct Program: Sendable {
    // MARK: facts
    package let factNames: [String]
    package let factTypes: [FactType]
    /// Per slot, `name = `: how a reason's `seen` begins (the value follows).
    let seenPrefixes: [String]
    /// Per slot, `name = unknown`: a reason's `seen` when the patient has no value.
    let seenUnknown: [String]
    let slotOf: [String: Int]
    /// Number of input facts; derived slots follow them.
    package let inputCount: Int
    /// Interned text: enum values and string literals, id = index.
    let symbols: [String]
    let symbolIds: [String: Int32]
    /// Per slot: the values effects can give it (bit i of a mask = literals[slot][i]).
    let literals: [[SlotValue]]
    let derived: [CompiledDerived]
    /// Per slot of an enumeration fact, its values in slot form, in declared order (empty
    /// for other facts): the candidates a way out tries.
    let enumerationValues: [[SlotValue]]

    // MARK: conditions
    let nodes: [ConditionNode]
    let children: [Int32]
    let leaves: [CompiledLeaf]
    /// Per node: the note that explains it (own, or inherited from an enclosing condition).
    let nodeNotes: [Int32]
    let notes: [RuleNote]
    /// Per note, as every reason that rests on it shows it, worked out once: its rule line
    /// (`rules/dk/gp.yaml:20`) and its sources as cited.
    let noteReferences: [String]
    let noteCitations: [String]
    /// Per leaf: its comparison in words, as it reads when it holds and when it fails.
    let leafWords: [(holds: String, fails: String)]

    // MARK: services and actions
    package let items: [CompiledItem]
    /// Per item, its own note's rule line and citation, worked out once (as for `notes`).
    let itemReferences: [String]
    let itemCitations: [String]
    /// Per item, the index in `entries.services` of the service with its id, and in
    /// `entries.actions` of the action with its id; -1 for none. Explanations read the
    /// entry's fields in place instead of copying it out of a dictionary.
    let itemService: [Int]
    /// Per service of `entries.services`, its item (`item(_:)` of its id), or -1.
    let serviceEntryItem: [Int]
    /// Per item, what a plan step that receives it does: `Receive: ` and the service's title.
    let receiveSteps: [String]
    let itemAction: [Int]
    package let serviceCount: Int
    let itemIndex: [String: Int]
    let jurisdictionSlot: Int
    /// Per item, the symbol of its country (`nil`: every country; -1: a country no rule
    /// names), so the evaluator compares numbers, not text.
    let itemJurisdiction: [Int32?]

    package let library: RuleLibrary
    package let vocabulary: Vocabulary
    /// The library's services, actions, needs, alerts and citations, listed once.
    let entries: LibraryIndex
    /// Per need of `entries.needs`, the root node of its `when` (-1: every patient).
    let needWhen: [Int32]
    /// Per alert of `entries.alerts`, the root node of its `when`.
    let alertWhen: [Int32]
    /// The reasons' words that do not depend on the patient (set once the rest is compiled).
    var situations = SituationIndex.empty
    /// Per service of `entries.services`, the root node of its patient cost's
    /// `unaffordable_when` (-1: none).
    let unaffordableWhen: [Int32]

    package func slot(_ fact: String) -> Int? { slotOf[fact] }
    package func item(_ id: String) -> Int? { itemIndex[id] }
    func symbol(_ text: String) -> Int32 { symbolIds[text] ?? -1 }

    /// A decoded fact value in slot form (the program's text ids are its vocabulary's).
    package func slotValue(_ value: FactValue) -> SlotValue { vocabulary.slotValue(value) }
}

/// A condition node: `all`/`any` over children, `not` of one child, or a comparison leaf.
struct ConditionNode: Sendable {
    enum Kind: UInt8, Sendable { case all, any, not, leaf }
    var kind: Kind
    /// Children start (in `children`) or leaf index.
    var first: Int32
    var count: Int32
}

/// A service or an action, numbered; services come first.
package struct CompiledItem: Sendable {
    package var id: String
    package var isService: Bool
    package var jurisdiction: String?
    package var validFrom: Day
    package var validTo: Day?
    /// Condition node, or -1 when there is none.
    var criteria: Int32
    var requires: [CompiledPrerequisite]
    var effects: [(slot: Int, bit: Int)]
    package var isCostly: Bool
    var note: RuleNote
}

struct CompiledPrerequisite: Sendable {
    var item: Int
    var when: Int32
    var note: RuleNote
}

/// Where a rule is written, why, and what it cites: the raw stuff of explanations.
struct RuleNote: Sendable {
    var origin: RuleOrigin
    var because: String?
    var sources: [String]
    /// The condition's own failure wording (never inherited from an enclosing one).
    var fails: String? = nil
}

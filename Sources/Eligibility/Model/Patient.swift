/// One patient's known facts. A fact that is absent is unknown, never false.
public struct Patient: Sendable {
    public var id: String?
    public var asOf: Day?
    public var facts: [String: FactValue]

    public init(id: String? = nil, asOf: Day? = nil, facts: [String: FactValue] = [:]) {
        self.id = id
        self.asOf = asOf
        self.facts = facts
    }
}

extension WayOut {
    /// The cost of a way out whose rule says nothing about it: never taken as free.
    public static let unknownCost = "not known"
    /// What a rule writes (`costs: none`, `change_cost: none`) for a step it says costs the
    /// patient nothing, on that rule's source.
    public static let noCost = "none"

    /// The way out in one sentence: who does what, what it costs the patient (or that
    /// the cost is not known), and why it may not work.
    public var sentence: String {
        var text = sentenceWithoutCost
        switch cost {
        case Self.noCost?: text += " — no cost to the patient"
        case nil, Self.unknownCost?: text += " — cost to the patient: not known"
        case let cost?: text += " — cost: \(cost)"
        }
        if let uncertainty { text += " — uncertain: \(uncertainty)" }
        return text
    }

    /// The cost as a plan shows it after "Cost:".
    public var costWords: String {
        switch cost {
        case Self.noCost?: return "none to the patient (the rule says so)"
        case nil, Self.unknownCost?: return "not known: the rules say nothing about what this costs the patient"
        case let cost?: return cost
        }
    }

    /// Whether the rules name a cost to the patient (not free, not unknown).
    public var hasKnownCost: Bool { cost != nil && cost != Self.unknownCost && cost != Self.noCost }

    /// Whether a rule says, on its source, that the way out costs the patient nothing.
    public var isFree: Bool { cost == Self.noCost }
}

/// One fact nobody has given yet, asked in plain words, with the undecided services its
/// answer helps decide (contract §6: `questions: [{fact, question, type, choices, decides}]`).
public struct Question: Sendable, Hashable {
    /// One allowed answer of an enum question: the value the patient file takes, and its words.
    public struct Choice: Sendable, Hashable {
        public var value: String
        public var label: String
    }

    /// The fact's name, as in the patient file (`risk.acute`).
    public var fact: String
    /// The question from the fact catalogue (its description when the catalogue has none).
    public var question: String
    /// The fact's type: what kind of answer is wanted.
    public var type: FactType
    /// The allowed answers of an enum fact, in the catalogue's order; empty for other types.
    public var choices: [Choice]
    /// The undecided (`needs_info`) services whose outcome this fact takes part in
    /// deciding, in report order.
    public var decides: [String]
    /// How many of `decides` wait for this fact alone: one answer settles them.
    public var settlesAlone: Int
}

extension FactType {
    /// The type's name in outputs: `bool`, `integer`, `number`, `string`, `date`, `enum`.
    public var name: String {
        switch self {
        case .enumeration: return "enum"
        default: return description
        }
    }
}

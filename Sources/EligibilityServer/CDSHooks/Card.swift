import Eligibility

/// One CDS Hooks 2.0 card: what the record system shows the GP.
public struct Card: Sendable, Hashable {
    /// How urgently the GP should look.
    public enum Indicator: String, Sendable, Hashable {
        /// Nothing stands in the way, or a plan gets there.
        case info
        /// The referral will be declined, waits on something, or cannot be decided yet.
        case warning
        /// Acute risk: the acute route, not a referral.
        case critical
    }

    /// Something the GP can do from the card: create a draft Task in the record.
    public struct Suggestion: Sendable, Hashable {
        /// What the GP sees on the button.
        public var label: String
        /// The Task's description.
        public var task: String
        /// The step to take first.
        public var isRecommended: Bool
        /// The step's action id in the rules (`Task.code`, system ``Card/actionSystem``).
        public var action: String = ""
        /// Whose step it is (`Task.owner`), when the record says.
        public var owner: FHIRReference? = nil
        /// The order the step serves (`Task.focus`, `ServiceRequest/{id}`), when there is one.
        public var focus: String? = nil
    }

    /// `Task.code` system: the rules' action ids (`dk.gp.join_care_manager_scheme`).
    public static let actionSystem = "urn:eligcheck:action"

    /// At most 140 characters (CDS Hooks), read in two seconds.
    public var summary: String
    /// How urgently to look.
    public var indicator: Indicator
    /// Markdown: the reasons with their rule lines and sources.
    public var detail: String
    /// `source.label`: the rules and their version.
    public var source: String
    /// What the GP can do from the card.
    public var suggestions: [Suggestion]

    /// The longest summary CDS Hooks allows.
    public static let maxSummary = 140

    /// Cuts `text` at a word boundary so it fits in a summary, with an ellipsis when cut.
    public static func fit(_ text: String) -> String {
        guard text.count >= maxSummary else { return text }
        var cut = String(text.prefix(maxSummary - 2))
        if let space = cut.lastIndex(of: " ") { cut = String(cut[..<space]) }
        while let last = cut.last, ",;:.-".contains(last) { cut.removeLast() }
        return cut + "…"
    }
}

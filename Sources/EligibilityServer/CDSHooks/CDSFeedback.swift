import Eligibility

/// One item of a CDS Hooks 2.0 feedback call: what the GP did with a card.
struct CDSFeedback: Sendable, Hashable {
    /// The GP took the card's advice (or some of its suggestions), or set it aside.
    enum Outcome: String, Sendable, CaseIterable {
        case accepted
        case overridden
    }

    /// The card's `uuid`, as the response gave it.
    var card: String
    var outcome: Outcome
    /// The `uuid`s of the suggestions taken.
    var acceptedSuggestions: [String]
    /// The override reason's code, when the GP chose one.
    var overrideReason: String?
    /// When the GP acted.
    var outcomeTimestamp: String

    /// The items of `{"feedback": [...]}`.
    /// - Throws: the first element that is not as CDS Hooks 2.0 defines it, with its path.
    static func read(_ root: FHIRElement) throws(FHIRError) -> [CDSFeedback] {
        guard root.node.pairs != nil else { throw root.error("expected a feedback object, found \(root.node.kindDescription)") }
        guard root.child("feedback") != nil else { throw FHIRError(path: "feedback", message: "missing; a feedback call carries a list of feedback items") }
        let items = try root.array("feedback")
        guard !items.isEmpty else { throw FHIRError(path: "feedback", message: "empty; a feedback call carries at least one item") }
        var result: [CDSFeedback] = []
        for item in items {
            guard item.node.pairs != nil else { throw item.error("expected a feedback object, found \(item.node.kindDescription)") }
            guard let card = try item.string("card") else { throw FHIRError(path: item.path + ".card", message: "missing; the uuid of the card the feedback is about") }
            guard isUUID(card) else { throw FHIRError(path: item.path + ".card", message: "not a uuid (expected 8-4-4-4-12 hexadecimal digits)") }
            guard let text = try item.string("outcome") else { throw FHIRError(path: item.path + ".outcome", message: "missing; expected accepted or overridden") }
            guard let outcome = Outcome(rawValue: text) else {
                throw FHIRError(path: item.path + ".outcome", message: "expected accepted or overridden, found '\(text)'\(Suggestion.hint(for: text, among: Outcome.allCases.map(\.rawValue)))")
            }
            guard let timestamp = try item.string("outcomeTimestamp") else {
                throw FHIRError(path: item.path + ".outcomeTimestamp", message: "missing; when the GP acted on the card")
            }
            guard timestamp.count > 10, try FHIRDate.day(timestamp, at: item.path + ".outcomeTimestamp", allowTime: true) != nil else {
                throw FHIRError(path: item.path + ".outcomeTimestamp", message: "not an instant (expected YYYY-MM-DDThh:mm:ss+zz:zz)")
            }
            var accepted: [String] = []
            for suggestion in try item.array("acceptedSuggestions") {
                guard suggestion.node.pairs != nil, let id = try suggestion.string("id") else {
                    throw FHIRError(path: suggestion.path + ".id", message: "missing; the uuid of the suggestion taken")
                }
                accepted.append(id)
            }
            var reason: String?
            if let override = try item.object("overrideReason") {
                guard outcome == .overridden else {
                    throw FHIRError(path: override.path, message: "only an overridden card has an override reason")
                }
                if let coding = try override.object("reason") {
                    guard let code = try coding.string("code") else { throw FHIRError(path: coding.path + ".code", message: "missing; the reason's code") }
                    if try coding.string("system") == Card.overrideReasonSystem, !Card.overrideReasons.contains(where: { $0.code == code }) {
                        throw FHIRError(path: coding.path + ".code", message: "not a reason this service offers\(Suggestion.hint(for: code, among: Card.overrideReasons.map(\.code)))")
                    }
                    reason = code
                }
                _ = try override.string("userComment")
            }
            if outcome == .overridden, !accepted.isEmpty {
                throw FHIRError(path: item.path + ".acceptedSuggestions", message: "an overridden card has no accepted suggestions")
            }
            result.append(CDSFeedback(card: card, outcome: outcome, acceptedSuggestions: accepted, overrideReason: reason, outcomeTimestamp: timestamp))
        }
        return result
    }

    /// `8-4-4-4-12` hexadecimal digits, any case.
    static func isUUID(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.map(\.count) == [8, 4, 4, 4, 12] && parts.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}

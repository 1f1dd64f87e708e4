/// Services that meet the same need and are all open to the patient (eligible, or
/// reachable by steps): the patient needs one of them, not all. The plan shows them as
/// "choose one" instead of steps in one sequence.
public struct Alternatives: Sendable, Hashable {
    /// The need's id (`needs:` in the rules).
    public var need: String
    /// The need in plain words.
    public var title: String
    /// The service ids, in rule order.
    public var services: [String]

    /// `Choose one, for a course of talk treatment ...:`, the heading every front end shows.
    public static func heading(need title: String) -> String { "Choose one, for \(title.lowercasedFirst):" }

    /// What a choice means, under its heading.
    public static let meaning = "Any one of these is enough for this need; take the steps of the one chosen."
}

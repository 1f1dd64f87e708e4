/// A case as it is kept: a pseudonymous label, the facts, a version that every save
/// raises, and what the rules said last.
public struct StoredCase: Sendable, Hashable {
    public var id: Int64
    /// A pseudonym the case manager chooses; never a name.
    public var label: String
    public var facts: CaseFacts
    /// The team whose members may see the case; "" for a case made without sign-in.
    public var team: String = ""
    /// 1 when created; a save must name the version it started from.
    public var version: Int
    public var createdAt: String
    public var updatedAt: String
    public var evaluation: CaseEvaluation?
    /// How the last change of the rules moved the statuses, when it did.
    public var statusChange: StatusChange?
}

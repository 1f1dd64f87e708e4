/// One changed fact (or `label`, `as_of`) of one save.
public struct CaseChange: Sendable, Hashable {
    /// UTC time of the save, ISO 8601.
    public var at: String
    /// The version the save produced.
    public var version: Int
    public var field: String
    /// The value as text; nil when it was (or became) unknown.
    public var old: String?
    public var new: String?
    /// Who saved: the member's name and subject ("" in history from before sign-in).
    public var by: String = ""
}

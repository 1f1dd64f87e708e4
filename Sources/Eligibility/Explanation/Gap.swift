/// A need the patient has that no service of their country can meet for them: every
/// service that meets it is ineligible, blocked, deadlocked or unaffordable (contract §6).
public struct Gap: Sendable, Hashable {
    /// Why one service does not meet the need for this patient.
    public enum Failure: String, Sendable, Hashable {
        case ineligible, blocked, deadlocked, unaffordable
    }

    /// One service that meets the need, and why it fails.
    public struct Service: Sendable, Hashable {
        public var id: String
        /// The service's title, as front-line text names it.
        public var title: String
        public var status: Failure
        public var why: String
    }

    /// The need's id.
    public var need: String
    /// The need in plain words.
    public var title: String
    public var services: [Service]
    public var explanation: String
}

import Eligibility

/// A meeting about a case: a SIP meeting (Sweden's coordinated individual plan), a care-plan
/// meeting or a network meeting. Before its day the print view is its agenda; after, its
/// minutes, with what was agreed, by whom and by when.
public struct Meeting: Sendable, Hashable {
    /// Someone taking part: which agency, in what role, who.
    public struct Participant: Sendable, Hashable, Codable {
        public var agency: String
        public var role: String
        public var name: String

        public init(agency: String, role: String, name: String) {
            self.agency = agency
            self.role = role
            self.name = name
        }
    }

    /// What the meeting agreed: what is done, by whom, by when.
    public struct AgreedAction: Sendable, Hashable, Codable {
        public var what: String
        public var owner: String
        /// The due date; nil when none was agreed.
        public var due: Day?

        public init(what: String, owner: String, due: Day?) {
            self.what = what
            self.owner = owner
            self.due = due
        }

        enum CodingKeys: String, CodingKey { case what, owner, due }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            what = try c.decode(String.self, forKey: .what)
            owner = try c.decode(String.self, forKey: .owner)
            let text = try c.decodeIfPresent(String.self, forKey: .due)
            due = try text.map { text in
                guard let day = Day(iso: text) else {
                    throw DecodingError.dataCorruptedError(forKey: .due, in: c, debugDescription: "not a date: \(text)")
                }
                return day
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(what, forKey: .what)
            try c.encode(owner, forKey: .owner)
            try c.encodeIfPresent(due?.description, forKey: .due)
        }
    }

    /// 0 until stored.
    public var id: Int64 = 0
    public var caseId: Int64 = 0
    public var date: Day
    public var participants: [Participant]
    public var agreed: [AgreedAction]
    public var notes: String

    public init(date: Day, participants: [Participant] = [], agreed: [AgreedAction] = [], notes: String = "") {
        self.date = date
        self.participants = participants
        self.agreed = agreed
        self.notes = notes
    }

    /// Before its day a meeting has an agenda; from its day on, minutes.
    public func isHeld(today: Day) -> Bool { date <= today }
}

import Eligibility

/// What the rules said about a case when it was last evaluated: kept with the case so the
/// list can show statuses and deadlines without evaluating every case again.
public struct CaseEvaluation: Sendable, Hashable, Codable {
    /// One service's status.
    public struct ServiceStatus: Sendable, Hashable, Codable {
        public var id: String
        public var title: String
        public var status: Status

        public init(id: String, title: String, status: Status) {
            self.id = id
            self.title = title
            self.status = status
        }

        enum CodingKeys: String, CodingKey { case id, title, status }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            title = try c.decode(String.self, forKey: .title)
            let raw = try c.decode(String.self, forKey: .status)
            guard let status = Status(rawValue: raw) else {
                throw DecodingError.dataCorruptedError(forKey: .status, in: c, debugDescription: "unknown status '\(raw)'")
            }
            self.status = status
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(title, forKey: .title)
            try c.encode(status.rawValue, forKey: .status)
        }
    }

    /// A deadline that applies to the case (see `PlanDeadlines`): a step still to take, or a
    /// service the patient has whose deadline counts from a date of the case.
    public struct DueStep: Sendable, Hashable, Codable {
        /// The step's number in the case's plan (0 for a service in place).
        public var step: Int
        public var does: String
        public var who: String
        /// The rules' words.
        public var deadline: String
        /// The step or service id (absent in evaluations stored before deadlines had dates).
        public var id: String?
        /// The date the deadline falls on, `YYYY-MM-DD`, when the start of its period is known.
        public var due: String?
        /// What the date is counted from, in words.
        public var from: String?
        /// The words say to act at once.
        public var urgent: Bool?

        public init(step: Int, does: String, who: String, deadline: String, id: String? = nil, due: String? = nil,
                    from: String? = nil, urgent: Bool? = nil) {
            self.step = step
            self.does = does
            self.who = who
            self.deadline = deadline
            self.id = id
            self.due = due
            self.from = from
            self.urgent = urgent
        }
    }

    /// How `dueSteps` were worked out: evaluations stored with an older way are worked out
    /// again for the case list.
    public static let currentDeadlines = 2

    /// The rules' version (a content hash of the rule files).
    public var rulesVersion: String
    /// The date the case was evaluated for.
    public var asOf: String
    public var statuses: [ServiceStatus]
    public var dueSteps: [DueStep]
    /// `currentDeadlines` when `dueSteps` were worked out the current way; nil before.
    public var deadlines: Int?
    /// Set when the stored facts no longer fit the rules (a fact was removed or retyped):
    /// the case keeps its facts and says why it could not be evaluated.
    public var problem: String?

    /// The evaluation a report gives.
    /// - Parameters:
    ///   - catalog: the rules' facts, to find the date a deadline counts from.
    ///   - dates: the case's date facts.
    public init(_ report: Report, catalog: FactCatalog = FactCatalog(), dates: [String: Day] = [:]) {
        rulesVersion = report.rulesVersion
        asOf = report.asOf.description
        statuses = report.services.map { ServiceStatus(id: $0.id, title: $0.title, status: $0.status) }
        dueSteps = PlanDeadlines.dueSteps(report, catalog: catalog, dates: dates)
        deadlines = Self.currentDeadlines
        problem = nil
    }

    /// The evaluation of a patient read by the rules' decoder.
    public init(_ report: Report, patient: Patient, catalog: FactCatalog) {
        var dates: [String: Day] = [:]
        for (name, value) in patient.facts {
            if case .date(let day) = value { dates[name] = day }
        }
        self.init(report, catalog: catalog, dates: dates)
    }

    /// A case whose facts the rules cannot read.
    public init(rulesVersion: String, asOf: Day, problem: String) {
        self.rulesVersion = rulesVersion
        self.asOf = asOf.description
        statuses = []
        dueSteps = []
        deadlines = Self.currentDeadlines
        self.problem = problem
    }

    /// Services whose status differs from `old`, in this evaluation's order.
    public func statusChanges(from old: CaseEvaluation) -> [StatusChange.Entry] {
        let before = Dictionary(old.statuses.map { ($0.id, $0.status) }, uniquingKeysWith: { a, _ in a })
        return statuses.compactMap { now in
            let was = before[now.id]
            return was == now.status ? nil : StatusChange.Entry(service: now.id, title: now.title, from: was, to: now.status)
        }
    }
}

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

    /// A step of the case's plan that carries a deadline.
    public struct DueStep: Sendable, Hashable, Codable {
        public var step: Int
        public var does: String
        public var who: String
        public var deadline: String
    }

    /// The rules' version (a content hash of the rule files).
    public var rulesVersion: String
    /// The date the case was evaluated for.
    public var asOf: String
    public var statuses: [ServiceStatus]
    public var dueSteps: [DueStep]
    /// Set when the stored facts no longer fit the rules (a fact was removed or retyped):
    /// the case keeps its facts and says why it could not be evaluated.
    public var problem: String?

    /// The evaluation a report gives.
    public init(_ report: Report) {
        rulesVersion = report.rulesVersion
        asOf = report.asOf.description
        statuses = report.services.map { ServiceStatus(id: $0.id, title: $0.title, status: $0.status) }
        dueSteps = report.plan.compactMap { step in
            step.deadline.map { DueStep(step: step.step, does: step.does, who: step.who, deadline: $0) }
        }
        problem = nil
    }

    /// A case whose facts the rules cannot read.
    public init(rulesVersion: String, asOf: Day, problem: String) {
        self.rulesVersion = rulesVersion
        self.asOf = asOf.description
        statuses = []
        dueSteps = []
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

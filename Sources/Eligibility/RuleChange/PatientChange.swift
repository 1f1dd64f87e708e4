/// One patient under the current and the proposed rules, side by side: each service's
/// status under both, and for the services that change, the rule lines (in each set)
/// whose outcome differs. Worked out by the reference engine, as `check` would.
public struct PatientChange: Sendable {
    public enum Side: String, Sendable { case current, proposed }

    /// One service under both rule sets; nil where a set does not offer it to this patient.
    public struct Row: Sendable, Hashable {
        public var id: String
        public var title: String
        public var current: ServiceOutcome.Summary?
        public var proposed: ServiceOutcome.Summary?
        public var changed: Bool { current?.status != proposed?.status }
    }

    /// A rule line behind one side's outcome of a changed service, absent from the other side's.
    public struct RuleLine: Sendable, Hashable {
        public var side: Side
        /// The status that side gives the service.
        public var status: Status?
        public var reason: Reason
    }

    public var patient: String
    public var line: Int
    public var asOf: Day
    /// The date the proposed rules were read on, when it is not `asOf` (the same rules on two dates).
    public var proposedAsOf: Day?
    public var jurisdiction: String?
    public var rows: [Row]
    /// Per changed service (in `rows` order): the rule lines whose outcome differs.
    public var ruleLines: [String: [RuleLine]]
    public var current: Report
    public var proposed: Report

    /// - Parameters:
    ///   - line: the patient's line in the cohort.
    ///   - asOf: the evaluation date (else the patient's `as_of`, else today).
    ///   - proposedAsOf: the evaluation date under the proposed rules, when it differs.
    public init(patient: Patient, line: Int, base: Engine, proposed: Engine, asOf: Day?, proposedAsOf: Day? = nil) throws(LoadFailure) {
        let day = asOf ?? patient.asOf ?? Day.today
        current = try base.report(for: patient, asOf: day)
        self.proposed = try proposed.report(for: patient, asOf: proposedAsOf ?? day)
        self.proposedAsOf = proposedAsOf.flatMap { $0 == day ? nil : $0 }
        self.patient = patient.id ?? "(no id)"
        self.line = line
        self.asOf = day
        jurisdiction = current.jurisdiction ?? self.proposed.jurisdiction
        let before = Dictionary(current.services.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(self.proposed.services.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var ids = current.services.map(\.id)
        for s in self.proposed.services where before[s.id] == nil { ids.append(s.id) }
        rows = ids.map { id in
            Row(id: id, title: after[id]?.title ?? before[id]?.title ?? id,
                current: before[id].map(ServiceOutcome.Summary.init), proposed: after[id].map(ServiceOutcome.Summary.init))
        }
        var lines: [String: [RuleLine]] = [:]
        for row in rows where row.changed {
            lines[row.id] = Self.differing(before[row.id], after[row.id])
        }
        ruleLines = lines
    }

    /// The reasons of each side that the other side lacks (the same comparison with the
    /// same value seen comes out the same; a moved line is not a change). When every
    /// reason is on both sides, the change lies elsewhere (a prerequisite, a step): all are given.
    static func differing(_ a: ServiceOutcome?, _ b: ServiceOutcome?) -> [RuleLine] {
        func key(_ r: Reason) -> String { (r.condition ?? r.text) + "\u{1F}" + (r.seen ?? "") }
        let left = a?.reasons ?? [], right = b?.reasons ?? []
        let leftKeys = Set(left.map(key)), rightKeys = Set(right.map(key))
        var result = left.filter { !rightKeys.contains(key($0)) }.map { RuleLine(side: .current, status: a?.status, reason: $0) }
        result += right.filter { !leftKeys.contains(key($0)) }.map { RuleLine(side: .proposed, status: b?.status, reason: $0) }
        if result.isEmpty {
            result = left.map { RuleLine(side: .current, status: a?.status, reason: $0) }
                + right.map { RuleLine(side: .proposed, status: b?.status, reason: $0) }
        }
        return result
    }
}

extension ServiceOutcome {
    /// A service's status with its one-line summary.
    public struct Summary: Sendable, Hashable {
        public var status: Status
        public var summary: String

        init(_ outcome: ServiceOutcome) {
            status = outcome.status
            summary = outcome.summary
        }
    }
}

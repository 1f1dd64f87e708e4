/// One rule line behind an outcome, in words, with the authority it rests on.
public struct Reason: Sendable, Hashable {
    /// `rules/dk/psychiatry.yaml:41`
    public var rule: String
    /// The rule's `because:`, or the condition in words when it has none.
    public var text: String
    /// The cited sources, as their citations.
    public var source: String
    /// The condition in words (`diagnosis.severity is one of mild, moderate`), for comparisons.
    public var condition: String?
    /// The patient's value of the fact, or "unknown".
    public var seen: String?
    /// The rule's own `because:` (why the rule is so), when the text says something else:
    /// the patient's situation against a criterion that fails or is not known.
    public var because: String? = nil
    /// For a link that makes one item wait for another: what the link rests on.
    public var evidence: [Evidence] = []
}

/// A single change that would get a blocked or deadlocked service moving, found by trying it.
public struct WayOut: Sendable, Hashable {
    public enum Kind: String, Sendable { case action, fact_change }
    public var kind: Kind
    /// The action id, or the fact that would change.
    public var id: String
    public var value: String?
    public var description: String
    public var who: String?
    /// What it costs the patient, if anything.
    public var cost: String?
    /// Why it may not work, for a remedy that is not a right.
    public var uncertainty: String? = nil
}

/// One numbered step of a plan.
public struct PlanStep: Sendable, Hashable {
    public var step: Int
    public var id: String
    public var does: String
    public var who: String
    public var enables: [String]
    public var deadline: String?
    public var documents: [String]
    public var rule: String
    public var source: String

    /// How the step that receives a service begins its `does`, before the service's title.
    static let receiving = "Receive: "
}

/// A cycle of services (and steps) that wait for each other.
public struct Deadlock: Sendable, Hashable {
    public var cycle: [String]
    /// The cycle's items as a person knows them (titles; a step as who does what).
    public var titles: [String]
    public var agencies: [String]
    public var explanation: String
    public var edges: [Reason]
    public var waysOut: [WayOut]
}

/// The outcome of one service for one patient, with everything needed to explain it.
public struct ServiceOutcome: Sendable {
    public var id: String
    public var title: String
    public var agency: String
    public var status: Status
    /// One line in plain words.
    public var summary: String
    public var reasons: [Reason]
    public var missingFacts: [String]
    public var blockedBy: [String]
    public var rootCause: String?
    /// For a blocked service: what it waits for, in words (titles, not ids).
    public var waiting: String? = nil
    /// The root cause's title (a step as who does what).
    public var rootCauseTitle: String? = nil
    public var cycle: [String]
    public var waysOut: [WayOut]
    public var plan: [PlanStep]
    public var deadline: String?
    public var documents: [String]
    /// A planned referral while an acute route applies: it keeps its status, but comes
    /// only after the acute assessment (JSON `after_acute_assessment`).
    public var afterAcuteAssessment = false
}

/// Everything the tool says about one patient.
public struct Report: Sendable {
    public var patient: String
    public var asOf: Day
    public var jurisdiction: String?
    public var rulesVersion: String
    public var files: [String]
    public var services: [ServiceOutcome]
    public var deadlocks: [Deadlock]
    public var plan: [PlanStep]
    /// The open facts in plain words, the answer that decides most first (contract §6).
    public var questions: [Question] = []
    /// Needs the patient has that no service of their country can meet for them (contract §6).
    public var gaps: [Gap] = []
    /// What must be seen first, e.g. acute risk (contract §6).
    public var alerts: [Alert] = []
    /// Services open to the patient that meet the same need: one of each group is enough.
    public var alternatives: [Alternatives] = []
    /// The services asked about by id (`check --service`), in the order asked: the text
    /// report opens with a one-line verdict for each.
    public var asked: [String] = []

    /// What a report without services says: no service of the patient's country is in
    /// force on the date, or none of those asked about (`--service`) is offered to them then.
    public var noServiceNote: String {
        let country = jurisdiction ?? "this jurisdiction"
        guard !asked.isEmpty else { return "No service of \(country) is in force on \(asOf) in these rules." }
        return "\(asked.joined(separator: ", ")): not offered to this patient on \(asOf) (a service of another country than \(country), or not in force on that date)."
    }
}

/// The services of a report alone, each with its reasons, plan and ways out, and the open
/// questions: what a caller that shows one service at a time needs (a CDS Hooks card),
/// without the work of the whole report's gaps, choices, deadlocks, alerts and plan.
public struct ServiceOutcomes: Sendable {
    public var rulesVersion: String
    public var services: [ServiceOutcome]
    /// The open facts in plain words, the answer that decides most first (contract §6).
    public var questions: [Question]
    /// What must be seen first, as in the report (acute risk).
    public var alerts: [Alert] = []
}

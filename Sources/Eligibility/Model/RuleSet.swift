/// One rule file: an agency's criteria, with its sources, facts, services, actions and tests.
public struct RuleSet: Sendable {
    public var id: String
    public var file: String
    /// The file's path under the rules folder, as explanations show it.
    public var shownFile: String = ""
    public var agency: String?
    public var jurisdiction: String?
    public var version: String
    public var validFrom: Day
    public var validTo: Day?
    public var description: String?
    public var sources: [Source]
    public var facts: [FactDeclaration]
    public var derived: [DerivedFact]
    public var services: [Service]
    public var actions: [Action]
    public var needs: [Need] = []
    public var alerts: [AlertRule] = []
    public var tests: [RuleTest]

    /// Whether the rule set is in force on a date.
    public func isValid(on day: Day) -> Bool {
        day >= validFrom && (validTo.map { day <= $0 } ?? true)
    }
}

/// A law paragraph, guideline, agency page or study that rules cite.
public struct Source: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case law, regulation, guideline, agency_page, study, seed
    }
    public var id: String
    public var kind: Kind
    public var cite: String
    public var url: String?
    public var validFrom: Day?
    public var validTo: Day?
    public var verified: Bool
    public var note: String?
    public var origin: RuleOrigin
}

/// A fact the patient profile may state.
public struct FactDeclaration: Sendable {
    public var name: String
    public var type: FactType
    public var min: Double?
    public var max: Double?
    public var description: String?
    public var informational: Bool
    /// How a text fact's values are read from a patient (e.g. ICD-10 codes).
    public var format: FactFormat?
    /// A date of something that has happened: it cannot lie after the evaluation date.
    public var pastOnly: Bool = false
    /// What to ask a person for this fact, in plain words.
    public var question: String?
    /// Plain-words labels for some or all values of an enum fact.
    public var choiceLabels: [String: String]
    public var origin: RuleOrigin
    /// What the fact is called in a sentence about the patient ("work situation").
    public var label: String? = nil
    /// What kind of fact it is, which decides whether a way out may ask to change it.
    public var nature: FactNature = .circumstance
    /// Who can change the fact (`changeable_by: [patient]`): only such facts are offered
    /// as ways out, by that person.
    public var changeableBy: [String] = []
    /// What changing it costs the patient; `none` (with the fact's source) says it costs nothing.
    public var changeCost: String? = nil

    /// The largest magnitude a number in a rule may have (a fact's `min`/`max`, a
    /// threshold of a fact declared without them): 10^15, exactly an integer as a
    /// `Double`, beyond any amount, age or count the rules deal in.
    public static let magnitudeLimit: Double = 1e15
}

/// What kind of fact a fact is. Only a circumstance can be offered as something to change:
/// a clinical judgement (acute risk, severity, a diagnosis), a personal fact (age, a date
/// that has passed) or another agency's decision is never something to change to get a
/// service.
public enum FactNature: String, Sendable, CaseIterable {
    case circumstance
    case clinical
    case personal
    case decision
}

/// A rule for reading the values of a text fact: they are checked and put in one form.
public enum FactFormat: String, Sendable, CaseIterable {
    /// An ICD-10 code, read by `ICD10Code` (`DF321`, `F32,1`, `f32.1`, `F321` are `F32.1`).
    case icd10
}

/// A fact computed from others, declared in YAML.
public struct DerivedFact: Sendable {
    public enum Rule: Sendable {
        /// The first case whose condition holds gives the value.
        case cases([(when: Condition, value: Literal)], otherwise: Literal?)
        /// Whole days from a date fact to the evaluation date.
        case daysSince(fact: String, location: SourceLocation)
    }
    public var name: String
    public var type: FactType
    public var rule: Rule
    public var description: String?
    public var sources: [SourceReference]
    public var origin: RuleOrigin
    /// What the fact is called in a sentence about the patient ("days on sick leave").
    public var label: String? = nil
}

/// Another service that must be in place first, possibly only when a condition holds.
public struct Prerequisite: Sendable {
    public var service: String
    public var serviceLocation: SourceLocation
    public var when: Condition?
    public var because: String?
    public var sources: [SourceReference]
    /// Seed passages quoted as evidence for the wait.
    public var quotes: [Quote] = []
    public var origin: RuleOrigin
}

/// A fact that changes once a service is granted or an action is taken.
public struct Effect: Sendable {
    public var fact: String
    public var factLocation: SourceLocation
    public var becomes: Literal
    public var because: String?
    public var origin: RuleOrigin
}

/// What an agency offers, and on what terms.
public struct Service: Sendable {
    public var id: String
    public var title: String
    public var agency: String
    public var jurisdiction: String?
    public var because: String?
    public var sources: [SourceReference]
    public var quotes: [Quote] = []
    public var criteria: Condition?
    public var requires: [Prerequisite]
    public var effects: [Effect]
    public var deadline: String?
    public var documents: [String]
    /// The needs (ids) the service meets.
    public var needs: [SourceReference] = []
    /// What the patient pays for it, if anything.
    public var patientCost: PatientCost? = nil
    /// A planned referral: when an alert such as acute risk applies, it says the acute route does.
    public var plannedReferral: Bool = false
    /// The dates the service is offered (within its rule set's); nil: the rule set's.
    public var inForce: InForce? = nil
    public var origin: RuleOrigin
}

/// A step someone can take: the patient signs consent, the GP books a consultation.
public struct Action: Sendable {
    public var id: String
    public var who: String
    public var does: String
    public var jurisdiction: String?
    public var because: String?
    public var sources: [SourceReference]
    public var quotes: [Quote] = []
    public var when: Condition?
    public var requires: [Prerequisite]
    public var effects: [Effect]
    /// What the step costs the patient; a costly action is offered only as a way out.
    public var costs: String?
    /// Why the step may not work (a remedy a study reports, not a right); such a step too
    /// is offered only as a way out, with this said beside it.
    public var uncertainty: String? = nil
    public var deadline: String?
    public var documents: [String]
    /// The dates the step can be taken (within its rule set's); nil: the rule set's.
    public var inForce: InForce? = nil
    public var origin: RuleOrigin
}

extension Action {
    /// A step that is never planned, only offered as a way out: it costs the patient
    /// something or may not work. `costs: none` says, on the action's source, that it costs
    /// nothing: such a step is planned like any other.
    public var isOfferedOnly: Bool { (costs != nil && costs != "none") || uncertainty != nil }
}

/// A patient and the statuses the rule author expects for them.
public struct RuleTest: Sendable {
    public var name: String
    public var asOf: Day?
    public var patient: YAMLNode
    public var expect: [(service: String, status: Status, location: SourceLocation)]
    public var expectMissing: [(service: String, facts: [String], location: SourceLocation)]
    public var expectPlan: [(service: String, steps: [String], location: SourceLocation)]
    public var expectCycle: [(service: String, cycle: [String], location: SourceLocation)]
    public var expectWaysOut: [(service: String, ways: [String], location: SourceLocation)]
    public var origin: RuleOrigin
}

/// The outcome of one service for one patient (contract §3).
public enum Status: String, Sendable, CaseIterable, Hashable {
    case eligible, reachable, ineligible, needs_info, blocked, deadlocked
}

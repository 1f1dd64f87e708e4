import Foundation

/// The rules, compiled, ready to answer for patients: the library's front door.
public struct Engine: Sendable {
    public let library: RuleLibrary
    /// The rules compiled for each period their dated criteria cut time into (one for
    /// rules without dates).
    package let periods: RulePeriods
    public let decoder: PatientDecoder

    public init(library: RuleLibrary) {
        self.library = library
        self.periods = RulePeriods(library)
        self.decoder = PatientDecoder(catalog: library.catalog)
    }

    /// Loads and compiles the rule folders.
    public init(rules paths: [String]) throws(LoadFailure) {
        self.init(library: try RuleLibrary.load(from: paths))
    }

    /// Loads and compiles the rule folders `count` times from one reading of the files:
    /// engines that answer alike and share no reference-counted storage. Threads that each
    /// keep to an engine of their own never write to the same reference count; on two
    /// cores, retains and releases of one shared engine's arrays and strings cost the
    /// server 15-18 % of its throughput in the minutes this machine ran slow (why those
    /// minutes are slow was not found out).
    public static func copies(rules paths: [String], count: Int) throws(LoadFailure) -> [Engine] {
        try RuleLibrary.load(from: paths, copies: count).map(Engine.init(library:))
    }

    /// The full answer for one patient.
    /// - Parameters:
    ///   - asOf: the evaluation date; else the patient's `as_of`; else today.
    ///   - services: only these service ids (all of the patient's jurisdiction when nil).
    /// - Throws: a failure naming unknown service ids.
    public func report(for patient: Patient, asOf: Day? = nil, services: [String]? = nil) throws(LoadFailure) -> Report {
        let only = try serviceIndices(services)
        var report = explainer(for: patient, asOf: asOf).report(patientId: patient.id ?? "(no id)", only: only)
        report.asked = services ?? []
        return report
    }

    /// The services alone for one patient, each as `report(for:)` has it, and the open
    /// questions; without the report's gaps, choices, deadlocks, alerts and whole plan.
    /// - Throws: a failure naming unknown service ids.
    public func outcomes(for patient: Patient, asOf: Day? = nil, services: [String]? = nil) throws(LoadFailure) -> ServiceOutcomes {
        let only = try serviceIndices(services)
        return explainer(for: patient, asOf: asOf).outcomes(only: only)
    }

    /// The patient evaluated with the steps' achievers tracked, ready to explain.
    func explainer(for patient: Patient, asOf: Day?) -> Explainer {
        let day = asOf ?? patient.asOf ?? Day.today
        var evaluator = Evaluator(program: periods.program(on: day))
        evaluator.load(patient, asOf: day)
        evaluator.run(trackAchievers: true)
        return Explainer(evaluator: evaluator)
    }

    /// The open questions for one patient, the answer that decides most first: the same
    /// list as `report(for:).questions`, without working out explanations, plans or ways out.
    /// - Parameters:
    ///   - asOf: the evaluation date; else the patient's `as_of`; else today.
    ///   - services: only questions for these service ids (all of the patient's jurisdiction when nil).
    /// - Throws: a failure naming unknown service ids.
    public func questions(for patient: Patient, asOf: Day? = nil, services: [String]? = nil) throws(LoadFailure) -> [Question] {
        let only = try serviceIndices(services)
        let undecided = verdicts(for: patient, asOf: asOf).filter { verdict in
            verdict.status == .needs_info && (only?.contains(verdict.item) ?? true)
        }.map { (id: program.items[$0.item].id, missing: $0.missing.map { program.factNames[$0] }) }
        return Question.open(for: undecided, catalog: library.catalog)
    }

    /// Why a patient cannot be evaluated as they are, or nil: each country's rules apply
    /// to its own patients, so a patient without a jurisdiction gets no answer at all
    /// (when the rules declare the fact).
    public func missingJurisdiction(_ patient: Patient) -> String? {
        guard patient.facts["jurisdiction"] == nil && library.catalog["jurisdiction"] != nil else { return nil }
        return Self.noJurisdiction(library.declaredJurisdictions)
    }

    /// Why a patient without a jurisdiction gets no answer, naming the declared countries.
    static func noJurisdiction(_ countries: [String]) -> String {
        "the patient has no 'jurisdiction' (\(RuleLibrary.either(countries))); each country's rules apply to its own patients only"
    }

    /// Statuses only, for one patient, from the reference evaluator.
    package func verdicts(for patient: Patient, asOf: Day? = nil) -> [Verdict] {
        let day = asOf ?? patient.asOf ?? Day.today
        var evaluator = Evaluator(program: periods.program(on: day))
        evaluator.load(patient, asOf: day)
        evaluator.run()
        return evaluator.verdicts()
    }
}

extension Engine {
    /// The program of the first period: its facts, items and vocabulary are every period's.
    /// What depends on the criteria in force asks `periods.program(on:)`.
    package var program: Program { periods.layout }

    /// The item indices of service ids; nil for all.
    /// - Throws: a failure naming each unknown id, with the closest known one.
    func serviceIndices(_ services: [String]?) throws(LoadFailure) -> Set<Int>? {
        guard let services else { return nil }
        var indices: Set<Int> = []
        var problems: [Diagnostic] = []
        for id in services {
            if let i = program.item(id), i < program.serviceCount {
                indices.insert(i)
            } else {
                problems.append(Diagnostic(file: "--service", location: nil,
                    message: "unknown service '\(id)'\(Suggestion.hint(for: id, among: library.services.map(\.id)))"))
            }
        }
        guard problems.isEmpty else { throw LoadFailure(problems) }
        return indices
    }
}

extension Day {
    /// Today's date in UTC.
    public static var today: Day {
        Day(ordinal: Int32((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
    }
}

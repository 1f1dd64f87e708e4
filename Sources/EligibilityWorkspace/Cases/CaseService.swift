import Eligibility
import Logging

/// Everything one can do with cases, for the JSON API and the pages alike: create, read,
/// save, list, delete, import and export; and evaluating them under the current rules.
///
/// Logs name cases by id and version only: labels and facts never reach a log.
public struct CaseService: Sendable {
    public let store: any CaseRecords
    let rules: RulesInForce
    let logger: Logger

    /// - Parameters:
    ///   - engine: the rules in force; call `rulesChanged(to:)` once to bring saved cases up to them.
    public init(store: any CaseRecords, engine: Engine, logger: Logger = Logger(label: "eligcheck.workspace")) {
        self.store = store
        self.rules = RulesInForce(engine)
        self.logger = logger
    }

    /// The rules cases are evaluated with now.
    public var engine: Engine { rules.value }

    /// Adds a case at version 1 to `team`, evaluated under the current rules.
    public func create(label: String, facts: CaseFacts, team: String = "", by access: Access) async throws -> StoredCase {
        let created = try await store.create(label: label, facts: facts, team: team, evaluate: evaluator(), by: access)
        logger.info("case created", metadata: ["case": "\(created.id)", "version": "\(created.version)"])
        return created
    }

    /// One case. - Throws: `CaseStoreError.notFound`.
    public func fetch(id: Int64) async throws -> StoredCase {
        try await store.fetch(id: id)
    }

    /// Every change of a case, oldest first. - Throws: `CaseStoreError.notFound`.
    public func history(id: Int64) async throws -> [CaseChange] {
        try await store.history(id: id)
    }

    /// Saves a new label and facts over `version`.
    /// - Throws: `CaseStoreError.staleVersion` when the case moved on meanwhile.
    public func save(id: Int64, version: Int, label: String, facts: CaseFacts, by access: Access) async throws -> StoredCase {
        do {
            let saved = try await store.save(id: id, version: version, label: label, facts: facts, evaluate: evaluator(), by: access)
            logger.info("case saved", metadata: ["case": "\(id)", "version": "\(saved.version)"])
            return saved
        } catch let error as CaseStoreError {
            if case .staleVersion = error {
                logger.notice("stale save refused", metadata: ["case": "\(id)", "given": "\(version)"])
            }
            throw error
        }
    }

    /// Deletes a case and its history. - Throws: `CaseStoreError.notFound`.
    public func delete(id: Int64, by access: Access) async throws {
        try await store.delete(id: id, by: access)
        logger.info("case deleted with its history", metadata: ["case": "\(id)"])
    }

    /// The case list with what a case manager looks for first.
    public func overview() async throws -> CaseOverview {
        var cases = try await store.all()
        // Deadlines stored before they had dates are worked out again for the list (not
        // saved: the next save or change of the rules stores them).
        let evaluate = evaluator()
        for i in cases.indices {
            guard let old = cases[i].evaluation, old.problem == nil, old.deadlines != CaseEvaluation.currentDeadlines else { continue }
            var facts = cases[i].facts
            if facts.asOf == nil { facts.asOf = Day(iso: old.asOf) }
            cases[i].evaluation?.dueSteps = evaluate(facts).dueSteps
        }
        return CaseOverview(cases: cases, rulesVersion: engine.library.version)
    }

    /// The rules were loaded anew: evaluate every case under them.
    /// - Returns: how many cases changed status.
    @discardableResult
    public func rulesChanged(to engine: Engine) async throws -> Int {
        rules.replace(with: engine)
        let changed = try await store.reevaluate(rulesVersion: engine.library.version, evaluate: evaluator())
        logger.info("cases evaluated under new rules", metadata: ["rules": "\(engine.library.version)", "changed": "\(changed)"])
        return changed
    }

    /// Evaluates every case again each time the rules are reloaded, until the sequence ends.
    public func follow(_ reloads: some AsyncSequence<Engine, Never>) async {
        for await engine in reloads {
            do {
                try await rulesChanged(to: engine)
            } catch {
                logger.error("cases could not be evaluated under the reloaded rules", metadata: ["error": "\(type(of: error))"])
            }
        }
    }

    /// The full report for facts (saved or not yet saved), under the current rules.
    /// - Throws: `LoadFailure` when the facts do not fit the rules.
    public func report(for facts: CaseFacts, label: String) throws(LoadFailure) -> Report {
        let engine = rules.value
        return try engine.report(for: try patient(facts, label: label, engine: engine), asOf: facts.asOf ?? Day.today)
    }

    /// The plan as a meeting document (the handout of the print view), under the current rules.
    /// - Throws: `LoadFailure` when the facts do not fit the rules.
    public func meetingPlan(for facts: CaseFacts, label: String) throws(LoadFailure) -> MeetingPlan {
        let engine = rules.value
        return try engine.meetingPlan(for: try patient(facts, label: label, engine: engine), asOf: facts.asOf ?? Day.today)
    }

    /// The facts read by the rules' own decoder, the label as the patient's id.
    private func patient(_ facts: CaseFacts, label: String, engine: Engine) throws(LoadFailure) -> Patient {
        try engine.decoder.decode(SourceText(name: "case", text: facts.profile(id: label).text))
    }

    /// Evaluates with the rules current when the closure runs (inside the transaction).
    private func evaluator() -> CaseEvaluator {
        let rules = self.rules
        return { facts in
            let engine = rules.value
            let asOf = facts.asOf ?? Day.today
            do throws(LoadFailure) {
                let patient = try engine.decoder.decode(SourceText(name: "case", text: facts.profile(id: "case").text))
                return CaseEvaluation(try engine.report(for: patient, asOf: asOf), patient: patient, catalog: engine.library.catalog)
            } catch {
                return CaseEvaluation(rulesVersion: engine.library.version, asOf: asOf,
                                      problem: error.diagnostics.map(\.message).joined(separator: "\n"))
            }
        }
    }
}

/// Runs the tests written inside rule sets: each patient against the expected statuses,
/// missing facts, plan steps, deadlock cycles and ways out.
public struct RuleTestRunner: Sendable {
    /// The date tests are evaluated on when neither the test nor its patient names one,
    /// so results do not change with the calendar.
    public static let defaultDate = Day(year: 2026, month: 11, day: 23) ?? Day(ordinal: 0)

    public struct Result: Sendable {
        public var name: String
        public var origin: RuleOrigin
        /// Each failed expectation as `expected ... got ...`, with the rule line that decided it.
        public var failures: [String]
        public var passed: Bool { failures.isEmpty }
    }

    public let engine: Engine

    public init(engine: Engine) {
        self.engine = engine
    }

    public func run() -> [Result] {
        engine.library.ruleSets.flatMap { set in set.tests.map { run($0) } }
    }

    public func run(_ test: RuleTest) -> Result {
        var result = Result(name: test.name, origin: test.origin, failures: [])
        let sink = DiagnosticSink(source: SourceText(name: test.origin.file, bytes: []))
        guard let patient = engine.decoder.decode(test.patient, sink: sink, asOf: test.asOf, today: Self.defaultDate, checkingDates: true),
              sink.diagnostics.isEmpty else {
            result.failures = sink.diagnostics.map(\.headline)
            return result
        }
        let report: Report
        do {
            report = try engine.report(for: patient, asOf: test.asOf ?? patient.asOf ?? Self.defaultDate)
        } catch {
            result.failures = error.diagnostics.map(\.headline)
            return result
        }
        let byId = Dictionary(report.services.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func outcome(_ id: String, _ location: SourceLocation) -> ServiceOutcome? {
            guard let found = byId[id] else {
                result.failures.append("\(test.origin.file):\(location.line): \(id): expected an outcome, got none (not in the patient's jurisdiction or not in force on \(report.asOf))")
                return nil
            }
            return found
        }
        func why(_ s: ServiceOutcome) -> String {
            let rule = s.reasons.first.map { " at \($0.rule)" } ?? ""
            return "\(s.summary)\(rule)"
        }
        for (id, status, location) in test.expect {
            guard let s = outcome(id, location) else { continue }
            if s.status != status {
                result.failures.append("\(test.origin.file):\(location.line): \(id): expected \(status.rawValue), got \(s.status.rawValue) (\(why(s)))")
            }
        }
        for (id, facts, location) in test.expectMissing {
            guard let s = outcome(id, location) else { continue }
            if Set(facts) != Set(s.missingFacts) {
                result.failures.append("\(test.origin.file):\(location.line): \(id): expected missing [\(facts.joined(separator: ", "))], got [\(s.missingFacts.joined(separator: ", "))]")
            }
        }
        for (id, steps, location) in test.expectPlan {
            guard let s = outcome(id, location) else { continue }
            let got = s.plan.map(\.id).filter { $0 != id }
            if got != steps {
                result.failures.append("\(test.origin.file):\(location.line): \(id): expected plan [\(steps.joined(separator: ", "))], got [\(got.joined(separator: ", "))] (status \(s.status.rawValue))")
            }
        }
        for (id, cycle, location) in test.expectCycle {
            guard let s = outcome(id, location) else { continue }
            if Set(cycle) != Set(s.cycle) {
                result.failures.append("\(test.origin.file):\(location.line): \(id): expected cycle [\(cycle.joined(separator: ", "))], got [\(s.cycle.joined(separator: ", "))] (status \(s.status.rawValue))")
            }
        }
        for (id, ways, location) in test.expectWaysOut {
            guard let s = outcome(id, location) else { continue }
            let got = s.waysOut.map(\.id)
            for way in ways where !got.contains(way) {
                result.failures.append("\(test.origin.file):\(location.line): \(id): expected way out \(way), got [\(got.joined(separator: ", "))] (status \(s.status.rawValue))")
            }
        }
        return result
    }
}

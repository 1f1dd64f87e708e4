import Foundation
import Testing
@testable import Eligibility

@Suite("Cohorts: check and diff")
struct CohortTests {
    static let fixtures = Fixture.packageRoot.appendingPathComponent("Tests/EligibilityTests/Fixtures")
    static let sickLeave = fixtures.appendingPathComponent("sick-leave").path

    /// Writes text to a fresh temporary file and returns its path.
    static func temporary(_ name: String, _ text: String) throws -> String {
        let url = try Fixture.scratch("cohort").appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The sick-leave rules with financial aid's income limit raised: a one-line change.
    static func proposedRules() throws -> String {
        let dir = try Fixture.scratch("proposed")
        for name in ["common.yaml", "se.yaml"] {
            var text = try String(contentsOfFile: "\(sickLeave)/\(name)", encoding: .utf8)
            text = text.replacingOccurrences(of: "{fact: income.annual, at_most: 100000}", with: "{fact: income.annual, at_most: 200000}")
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return dir.path
    }

    static let smallCohort = """
    {"id":"a","as_of":"2026-11-23","jurisdiction":"SE","age":30,"employment":{"status":"unemployed","steady_job":false},"income":{"annual":150000}}
    {"id":"b","as_of":"2026-11-23","jurisdiction":"SE","age":30,"employment":{"status":"unemployed","steady_job":false},"income":{"annual":50000}}
    {"id":"c","as_of":"2026-11-23","jurisdiction":"SE","age":30,"employment":{"status":"unemployed","steady_job":false},"income":{"annual":250000}}
    {"id":"d","as_of":"2026-11-23","jurisdiction":"DK","age":30}
    {"id":"e","as_of":"2026-11-23","jurisdiction":"SE","agee":30}
    {"id":"f","as_of":"2026-11-23","jurisdiction":"SE","age":45,"employment":{"status":"sick_leave","steady_job":true},"income":{"annual":150000}}

    """

    func diff(base: String, proposed: String, cohort: String, workers: Int = 2, chunk: Int = 1 << 21) throws -> DiffReport {
        var options = CohortDiff.Options()
        options.workers = workers
        options.chunkBytes = chunk
        options.examples = 3
        return try CohortDiff(base: try RuleLibrary.load(from: [base]), proposed: try RuleLibrary.load(from: [proposed]))
            .run(cohort, options: options)
    }

    @Test("Identical rule sets give an empty diff")
    func identical() throws {
        let cohort = try Self.temporary("c.jsonl", Self.smallCohort)
        let report = try diff(base: Self.sickLeave, proposed: Self.sickLeave, cohort: cohort)
        #expect(report.changes.isEmpty)
        #expect(report.deadlocks.allSatisfy { $0.gained == 0 && $0.lost == 0 })
        #expect(report.text(base: "x", proposed: "x").contains("No patient changes status"))
    }

    @Test("A one-line rule change gives exactly the expected transitions")
    func oneLineChange() throws {
        let cohort = try Self.temporary("c.jsonl", Self.smallCohort)
        let report = try diff(base: Self.sickLeave, proposed: try Self.proposedRules(), cohort: cohort)
        let changes = report.changes.map { "\($0.transition.service): \($0.transition.from.name) -> \($0.transition.to.name): \($0.count)" }
        #expect(changes == [
            "se.municipality.financial_aid: ineligible -> eligible: 1",
            "se.municipality.financial_aid: ineligible -> deadlocked: 1",
        ])
        #expect(report.examples[DiffReport.Transition(service: "se.municipality.financial_aid", from: .ineligible, to: .eligible)] == ["a"])
        #expect(report.examples[DiffReport.Transition(service: "se.municipality.financial_aid", from: .ineligible, to: .deadlocked)] == ["f"])
        let aid = try #require(report.services.firstIndex(of: "se.municipality.financial_aid"))
        #expect(report.baseCounts[aid][.ineligible] == 3)
        #expect(report.proposedCounts[aid][.eligible] == 2)
        #expect(report.baseCounts[aid][.notEvaluated] == 1)
        let cycle = try #require(report.deadlocks.first)
        #expect(cycle.cycle == ["se.employment.job_support", "se.social_insurance.referral_to_employment"])
        #expect((cycle.base, cycle.proposed, cycle.gained, cycle.lost) == (1, 1, 0, 0))
    }

    @Test("Bad lines are counted and reported with their line numbers; the counts add up")
    func badLines() throws {
        let cohort = try Self.temporary("c.jsonl", Self.smallCohort + "not json\n\n")
        let report = try diff(base: Self.sickLeave, proposed: Self.sickLeave, cohort: cohort)
        #expect(report.linesRead == 8)
        #expect(report.evaluated == 5)
        #expect(report.rejected == 3)
        #expect(report.linesRead == report.evaluated + report.rejected)
        #expect(report.badLines.map { "\($0.line):\($0.column): \($0.message)" } == [
            "5:52: unknown fact 'agee'; did you mean 'age'?",
            "7:1: JSON: expected a value (object, list, text in double quotes, number, true, false or null), found 'n'",
            "8:1: empty line; expected a patient as a JSON object",
        ])
    }

    @Test("Enum values: one not allowed is a bad line; an escaped one reads like the plain one")
    func enumValues() throws {
        let lines = [
            #"{"id":"x1","as_of":"2026-11-23","jurisdiction":"SE","age":30,"employment":{"status":"retired"}}"#,
            #"{"id":"x2","as_of":"2026-11-23","jurisdiction":"SE","age":30,"employment":{"status":"sick\u005fleave"}}"#,
            #"{"id":"x3","as_of":"2026-11-23","jurisdiction":"SE","age":30,"employment":{"status":"sick_leave"}}"#,
        ]
        let cohort = try Self.temporary("enum.jsonl", lines.joined(separator: "\n") + "\n")
        let library = try RuleLibrary.load(from: [Fixture.packageRoot.appendingPathComponent("rules").path])
        var output: [String] = []
        var bad: [String] = []
        let summary = try CohortCheck(library: library).run(cohort, write: { output.append(String(decoding: $0, as: UTF8.self)) },
                                                            badLine: { bad.append("\($0.line):\($0.column): \($0.message)") })
        #expect(bad == [#"1:85: fact 'employment.status' must be one of employed, sick_leave, unemployed, student, none; found the text "retired""#])
        #expect((summary.linesRead, summary.evaluated, summary.rejected) == (3, 2, 1))
        let results = output.joined().split(separator: "\n").map { $0.replacingOccurrences(of: #""id":"x2","line":2"#, with: #""id":"x3","line":3"#) }
        #expect(results.count == 2)
        #expect(results[0] == results[1])
    }

    @Test("check --cohort writes each patient's id as JSON text: a number as its digits, an escaped id escaped again; a line without one is rejected")
    func cohortIds() throws {
        let lines = [
            #"{"id":17,"as_of":"2026-11-23","jurisdiction":"NO","age":40}"#,
            #"{"id":"a\"b","as_of":"2026-11-23","jurisdiction":"NO","age":40}"#,
            #"{"as_of":"2026-11-23","jurisdiction":"NO","age":40}"#,
        ]
        let cohort = try Self.temporary("ids.jsonl", lines.joined(separator: "\n") + "\n")
        let library = try RuleLibrary.load(from: [Fixture.packageRoot.appendingPathComponent("rules").path])
        var output: [String] = []
        var bad: [DiffReport.BadLine] = []
        _ = try CohortCheck(library: library).run(cohort, write: { output.append(String(decoding: $0, as: UTF8.self)) }, badLine: { bad.append($0) })
        let heads = output.joined().split(separator: "\n").map { String($0.prefix(while: { $0 != "s" })) }
        #expect(heads == [#"{"id":"17","line":1,""#, #"{"id":"a\"b","line":2,""#])
        #expect(bad == [DiffReport.BadLine(line: 3, column: 1, message: "the patient is missing required field 'id' (text that names the patient, like p-0001)")])
        #expect(output.joined().split(separator: "\n").allSatisfy { $0.hasSuffix(#""no.municipality.coordinator":"needs_info"}}"#) })
    }

    @Test("A fixed date overrides each line's as_of")
    func fixedDate() throws {
        let cohort = try Self.temporary("c.jsonl", Self.smallCohort)
        var options = CohortDiff.Options()
        options.fixedDate = Day(year: 2019, month: 1, day: 1)
        let library = try RuleLibrary.load(from: [Self.sickLeave])
        let report = try CohortDiff(base: library, proposed: library).run(cohort, options: options)
        #expect(report.evaluated == 5)
        // The rules are in force from 2020-01-01: on the fixed date no service is evaluated.
        #expect(report.baseCounts.allSatisfy { $0[.notEvaluated] == 5 })
    }

    @Test("--strict stops at the first bad line")
    func strict() throws {
        let cohort = try Self.temporary("c.jsonl", Self.smallCohort)
        var options = CohortDiff.Options()
        options.strict = true
        let library = try RuleLibrary.load(from: [Self.sickLeave])
        let error = #expect(throws: CohortLineError.self) { try CohortDiff(base: library, proposed: library).run(cohort, options: options) }
        #expect(error.map { "\($0)" } == "\(cohort):5:52: error: unknown fact 'agee'; did you mean 'age'?")
    }

    @Test("Results do not depend on the number of threads or the chunk size")
    func threadIndependent() throws {
        let cohort = Self.fixtures.appendingPathComponent("cohort-400.jsonl").path
        let rules = Fixture.packageRoot.appendingPathComponent("rules").path
        let one = try diff(base: rules, proposed: rules, cohort: cohort, workers: 1)
        let two = try diff(base: rules, proposed: rules, cohort: cohort, workers: 2, chunk: 4096)
        let three = try diff(base: rules, proposed: rules, cohort: cohort, workers: 3, chunk: 1000)
        #expect(one.linesRead == 400)
        #expect(one.json(base: "b", proposed: "p") == two.json(base: "b", proposed: "p"))
        #expect(one.json(base: "b", proposed: "p") == three.json(base: "b", proposed: "p"))
    }

    @Test("Taking unchanged services from the current rules gives the same diff as evaluating all")
    func sharingIsExact() throws {
        let rules = Fixture.packageRoot.appendingPathComponent("rules")
        let changed = try Fixture.scratch("changed").appendingPathComponent("rules")
        try FileManager.default.copyItem(at: rules, to: changed)
        let file = changed.appendingPathComponent("dk/psychiatry.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "          at_least: 18\n", with: "          at_least: 16\n")
        #expect(edited != text)
        try edited.write(to: file, atomically: true, encoding: .utf8)
        let diff = try CohortDiff(base: try RuleLibrary.load(from: [rules.path]), proposed: try RuleLibrary.load(from: [changed.path]))
        let sharing = try #require(diff.sharedWithBase)
        #expect(sharing.filter { $0 >= 0 }.count > 0)
        #expect(sharing[diff.proposed.layout.program.item("dk.psychiatry.visitation")!] == -1)
        let cohort = Self.fixtures.appendingPathComponent("cohort-400.jsonl").path
        var options = CohortDiff.Options()
        let shared = try diff.run(cohort, options: options)
        options.shareUnchanged = false
        let full = try diff.run(cohort, options: options)
        #expect(shared.json(base: "b", proposed: "p") == full.json(base: "b", proposed: "p"))
        #expect(!shared.changes.isEmpty)
    }

    @Test("The cohort outcome of each patient equals the single-patient evaluation")
    func cohortMatchesSinglePatient() throws {
        let rules = Fixture.packageRoot.appendingPathComponent("rules").path
        let engine = try Engine(rules: [rules])
        let cohort = Self.fixtures.appendingPathComponent("cohort-400.jsonl").path
        var lines: [String] = []
        _ = try CohortCheck(library: engine.library).run(cohort, write: { lines.append(String(decoding: $0, as: UTF8.self)) }, badLine: { _ in })
        let output = lines.joined().split(separator: "\n")
        let inputs = try String(contentsOfFile: cohort, encoding: .utf8).split(separator: "\n")
        #expect(output.count == inputs.count)
        for (input, line) in zip(inputs, output).prefix(400) {
            let patient = try engine.decoder.decode(SourceText(name: "line", text: String(input)))
            let expected = engine.verdicts(for: patient).map { "\"\(engine.program.items[$0.item].id)\":\"\($0.status.rawValue)\"" }
            #expect(line.contains("\"statuses\":{\(expected.joined(separator: ","))}"), "\(patient.id ?? "")")
        }
    }

    @Test("Lines with different evaluation dates get the outcome of their own date")
    func mixedDates() throws {
        let rules = Fixture.packageRoot.appendingPathComponent("rules").path
        let engine = try Engine(rules: [rules])
        let original = try String(contentsOfFile: Self.fixtures.appendingPathComponent("cohort-400.jsonl").path, encoding: .utf8)
            .split(separator: "\n").prefix(120)
        let dates = ["2026-11-23", "2025-08-01", "2026-02-15"]
        let mixed = original.enumerated().map { i, line in
            line.replacingOccurrences(of: "\"as_of\":\"2026-11-23\"", with: "\"as_of\":\"\(dates[i % 3])\"")
        }
        let cohort = try Self.temporary("mixed.jsonl", mixed.joined(separator: "\n") + "\n")
        var lines: [String] = []
        var bad: [Int] = []
        _ = try CohortCheck(library: engine.library).run(cohort, write: { lines.append(String(decoding: $0, as: UTF8.self)) },
                                                         badLine: { bad.append($0.line) })
        var output = lines.joined().split(separator: "\n")[...]
        var refused: [Int] = []
        for (i, input) in mixed.enumerated() {
            // A line whose events lie after its own as_of is refused, as a patient file is.
            guard let patient = try? engine.decoder.decode(SourceText(name: "line", text: input)) else {
                refused.append(i + 1)
                continue
            }
            let next = output.popFirst()
            let line = try #require(next)
            let expected = engine.verdicts(for: patient).map { "\"\(engine.program.items[$0.item].id)\":\"\($0.status.rawValue)\"" }
            #expect(line.hasPrefix("{\"id\":\"\(patient.id ?? "")\",\"line\":\(i + 1),"))
            #expect(line.contains("\"statuses\":{\(expected.joined(separator: ","))}"), "\(patient.id ?? "")")
        }
        #expect(output.isEmpty)
        #expect(bad == refused)
        // Most lines still read: the dates moved back by months only catch recent events.
        #expect(refused.count > 0 && refused.count < mixed.count / 3)
    }

    @Test("The fast line reader and the exact reader agree")
    func readersAgree() throws {
        let library = try RuleLibrary.load(from: [Fixture.packageRoot.appendingPathComponent("rules").path])
        let vocabulary = try Vocabulary([library])
        let parser = CohortLineParser(vocabulary: vocabulary)
        var habits = parser.newLineHabits()
        let decoder = PatientDecoder(catalog: library.catalog)
        var lines = try String(contentsOfFile: Self.fixtures.appendingPathComponent("cohort-400.jsonl").path, encoding: .utf8)
            .split(separator: "\n").map(String.init)
        lines.append("{\"id\":\"x\",\"jurisdiction\":\"NO\",\"diagnosis\":{\"icd10\":\"F32.1\"},\"income\":{\"annual\":1.5}}")
        // Keys in another order than the lines before, and a key that only looks like one.
        lines.append("{\"income\":{\"annual\":7},\"jurisdiction\":\"SE\",\"id\":\"y\",\"age\":30}")
        lines.append("{\"jurisdiction\":\"DK\",\"id\":\"z\",\"as_of\":\"2026-11-23\",\"age\":31}")
        for line in lines {
            var bytes = Array(line.utf8)
            var fast = Array(repeating: SlotValue.unknown, count: vocabulary.inputCount)
            var header = CohortLineParser.Header()
            let ok = bytes.withUnsafeMutableBufferPointer { b in
                fast.withUnsafeMutableBufferPointer { parser.parse(b.baseAddress!, 0, b.count, into: $0.baseAddress!, header: &header, habits: &habits) }
            }
            #expect(ok)
            let patient = try decoder.decode(SourceText(name: "l.json", text: line))
            var exact = Array(repeating: SlotValue.unknown, count: vocabulary.inputCount)
            for (name, value) in patient.facts { exact[vocabulary.slotOf[name]!] = vocabulary.slotValue(value) }
            #expect(fast == exact)
            #expect(header.asOf == patient.asOf)
        }
    }
}

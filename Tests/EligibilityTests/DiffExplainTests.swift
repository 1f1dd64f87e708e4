import Foundation
import Testing
@testable import Eligibility

@Suite("diff --explain: one patient under both rule sets", .serialized)
struct DiffExplainTests {
    static let fixtures = "Tests/EligibilityTests/Fixtures"
    static let arguments = ["diff", "--base", "\(fixtures)/sick-leave", "--proposed", "\(fixtures)/sick-leave-proposed",
                            "--cohort", "\(fixtures)/diff-cohort.jsonl"]
    static let golden = Fixture.packageRoot.appendingPathComponent("\(fixtures)/golden")

    @Test("Text and JSON match the golden files: statuses side by side, the changed services, the differing rule lines of each set")
    func goldenFiles() throws {
        for (id, format) in [("c", "text"), ("d", "json")] {
            let run = try Binary.run(Self.arguments + ["--explain", id, "--format", format])
            #expect(run.status == 0)
            #expect(run.err.isEmpty)
            try GoldenTests.expectGolden(run.out, "diff-explain-\(id).\(format)")
        }
    }

    @Test("The rule lines name the line in each rule set: the income limit fails under one and holds under the other")
    func ruleLinesOfEachSet() throws {
        let root = Fixture.packageRoot.appendingPathComponent(Self.fixtures).path
        let base = try Engine(rules: ["\(root)/sick-leave"]), proposed = try Engine(rules: ["\(root)/sick-leave-proposed"])
        let found = try #require(try CohortLineFinder.patient(id: "a", in: "\(root)/diff-cohort.jsonl", decoder: base.decoder))
        #expect(found.line == 1)
        let change = try PatientChange(patient: found.patient, line: found.line, base: base, proposed: proposed, asOf: nil)
        #expect(change.asOf == Day(year: 2026, month: 11, day: 23))
        #expect(change.rows.filter(\.changed).map(\.id) == ["se.municipality.financial_aid"])
        let lines = try #require(change.ruleLines["se.municipality.financial_aid"])
        #expect(lines.map { "\($0.side.rawValue) \($0.outcome) \($0.reason.rule) \($0.reason.condition ?? "")" } == [
            "current fails se.yaml:40 income.annual is at most 100000",
            "proposed holds se.yaml:40 income.annual is at most 200000",
        ])
        #expect(change.ruleLines["se.employment.job_support"] == nil)
    }

    @Test("An unknown id, a bad line and html are refused with exit 2 and a message that says why")
    func refusals() throws {
        let missing = try Binary.run(Self.arguments + ["--explain", "zz"])
        #expect(missing.status == 2)
        #expect(missing.out.isEmpty)
        #expect(missing.err == "\(Self.fixtures)/diff-cohort.jsonl: error: no patient with id 'zz' in the cohort\n")
        let bad = try Binary.run(Self.arguments + ["--explain", "g"])
        #expect(bad.status == 2)
        #expect(bad.err == """
            \(Self.fixtures)/diff-cohort.jsonl:7:52: error: unknown fact 'agee'; did you mean 'age'?
            {"id":"g","as_of":"2026-11-23","jurisdiction":"SE","agee":30}
                                                               ^

            """)
        let html = try Binary.run(Self.arguments + ["--explain", "a", "--format", "html"])
        #expect(html.status == 2)
        #expect(html.err.contains("--explain prints text or json, not html"))
    }
}

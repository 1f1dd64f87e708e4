import Foundation
import Testing
@testable import Eligibility

/// Whole outputs a person reads, compared with files under `Fixtures/golden/`. When the
/// rules change, the outputs change: read the difference (a failing test writes what it
/// got beside the scratch folder it names), then copy it over deliberately.
@Suite("Golden outputs: bottom line, questions, plans, interview", .serialized)
struct GoldenTests {
    static let golden = Fixture.packageRoot.appendingPathComponent("Tests/EligibilityTests/Fixtures/golden")
    static let firstLook = "Tests/EligibilityTests/Fixtures/patients/no-gp-first-look.yaml"

    /// (golden name, patient file): a Danish, a Swedish and a Norwegian patient.
    static let checks = [
        ("dk-gp-mild-depression", "examples/dk-gp-mild-depression.yaml"),
        ("se-sick-leave-trap-day200", "examples/se-sick-leave-trap-day200.yaml"),
        ("no-gp-first-look", firstLook),
    ]
    static let plans = [
        ("dk-gp-mild-depression", "examples/dk-gp-mild-depression.yaml"),
        ("se-sick-leave-trap-day200", "examples/se-sick-leave-trap-day200.yaml"),
        ("no-individual-plan-declined", "examples/no-individual-plan-declined.yaml"),
        // A need that falls between services; and the same patient at acute risk: the alert first.
        ("dk-cannot-afford-psychologist", "examples/dk-cannot-afford-psychologist.yaml"),
        ("dk-acute-risk", "Tests/EligibilityTests/Fixtures/patients/dk-acute-risk.yaml"),
    ]

    static func expectGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        // ELIGCHECK_WRITE_GOLDEN=1 writes the new output over the golden file, to be read in
        // the diff before it is committed (the CDS Hooks goldens do the same).
        if ProcessInfo.processInfo.environment["ELIGCHECK_WRITE_GOLDEN"] == "1" {
            try actual.write(to: golden.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden.appendingPathComponent(name), encoding: .utf8)
        guard actual != expected else { return }
        let got = try Fixture.scratch("golden").appendingPathComponent(name)
        try actual.write(to: got, atomically: true, encoding: .utf8)
        Issue.record("\(name) differs from the golden file; got \(got.path)", sourceLocation: sourceLocation)
    }

    @Test("check text: the bottom line, the groups and the questions in their order", arguments: checks)
    func checkText(_ name: String, _ patient: String) throws {
        let run = try Binary.run(["check", patient])
        #expect(run.status == 0)
        #expect(run.err.isEmpty)
        try Self.expectGolden(run.out, "check-\(name).text")
    }

    @Test("The question list in JSON, in its order", arguments: checks)
    func questions(_ name: String, _ patient: String) throws {
        let run = try Binary.run(["check", patient, "--format", "json"])
        #expect(run.status == 0)
        #expect(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) is [String: Any])
        // The list as the command prints it, from its key to its closing bracket.
        let start = try #require(run.out.range(of: "\n  \"questions\": ["))
        let end = try #require(run.out.range(of: "\n  ]", range: start.upperBound..<run.out.endIndex))
        try Self.expectGolden(String(run.out[start.upperBound..<end.upperBound]) + "\n", "questions-\(name).json")
    }

    @Test("check Markdown for the Danish GP", arguments: [checks[0]])
    func checkMarkdown(_ name: String, _ patient: String) throws {
        let run = try Binary.run(["check", patient, "--format", "markdown"])
        #expect(run.status == 0)
        try Self.expectGolden(run.out, "check-\(name).markdown")
    }

    @Test("plan as a meeting document in text, Markdown and HTML", arguments: plans)
    func plan(_ name: String, _ patient: String) throws {
        for format in ["text", "markdown", "html"] {
            let run = try Binary.run(["plan", patient, "--format", format])
            #expect(run.status == 0)
            #expect(run.err.isEmpty)
            try Self.expectGolden(run.out, "plan-\(name).\(format)")
        }
    }

    @Test("plan for a service that waits for an answer: find out first, no 'nothing can be reached'")
    func planNeedsInfo() throws {
        let run = try Binary.run(["plan", "examples/se-sick-leave-trap-day200.yaml", "--service", "se.municipality.financial_aid"])
        #expect(run.status == 0)
        try Self.expectGolden(run.out, "plan-se-financial-aid.text")
    }

    @Test("interview with piped answers: questions in order, bad answers asked again, the file written 0600")
    func interview() throws {
        let output = try Fixture.scratch("interview").appendingPathComponent("answered.yaml").path
        let answers = "3\n?\nn\nmaybe\ny\nn\n"
        let run = try Binary.run(["interview", Self.firstLook, "--output", output], input: answers)
        #expect(run.status == 0)
        try Self.expectGolden(run.out.replacingOccurrences(of: output, with: "OUTPUT"), "interview-no-gp-first-look.out")
        #expect(run.err == "<stdin>:4: error: expected y or n (or ? if not known); found 'maybe'\n")
        try Self.expectGolden(try String(contentsOfFile: output, encoding: .utf8), "interview-no-gp-first-look.yaml")
        let mode = try FileManager.default.attributesOfItem(atPath: output)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}

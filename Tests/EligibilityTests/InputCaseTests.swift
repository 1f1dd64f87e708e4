import Foundation
import Testing
@testable import Eligibility

/// Input is read right or refused (issue 9 §5): each case compares the whole message.
@Suite("Input read right or refused", .serialized)
struct InputCaseTests {
    let engine: Engine

    init() throws {
        engine = try Fixture.engine("services:\n  dk.x: {title: X, because: b, source: law, criteria: {fact: since, before: 2030-01-01}}\n")
    }

    @Test("A date of something that happened cannot lie after the evaluation date")
    func futureDate() throws {
        let text = "id: p-1\nas_of: 2026-11-23\nsince: 2026-12-01\n"
        let problems = Fixture.problems { _ = try engine.decoder.decode(SourceText(name: "p.yaml", text: text)) }
        #expect(problems == ["p.yaml:3:8: error: fact 'since' is 2026-12-01, after the evaluation date 2026-11-23; it says when something happened, so it cannot lie after the evaluation date (check the date, the patient's as_of or --as-of)\nsince: 2026-12-01\n       ^"])
        // --as-of overrides the patient's as_of; today is used only when neither is given.
        #expect(try engine.decoder.decode(SourceText(name: "p.yaml", text: text), asOf: Day(year: 2026, month: 12, day: 5)).facts["since"] != nil)
        let noDate = "id: p-1\nsince: 2026-12-01\n"
        #expect(try engine.decoder.decode(SourceText(name: "p.yaml", text: noDate), today: Day(year: 2026, month: 12, day: 1)).facts["since"] != nil)
        let late = Fixture.problems { _ = try engine.decoder.decode(SourceText(name: "p.json", text: "{\"id\": \"p\", \"since\": \"2026-12-01\"}"), today: Day(year: 2026, month: 11, day: 30)) }
        #expect(late == ["p.json:1:22: error: fact 'since' is 2026-12-01, after the evaluation date 2026-11-30; it says when something happened, so it cannot lie after the evaluation date (check the date, the patient's as_of or --as-of)\n{\"id\": \"p\", \"since\": \"2026-12-01\"}\n                     ^"])
    }

    @Test("Lint: past_only belongs to date facts")
    func pastOnlyLint() {
        let common = Fixture.common.replacingOccurrences(of: "level: {type: enum, values: [low, medium, high], informational: true, changeable_by: [patient]}",
                                                         with: "level: {type: enum, values: [low, medium, high], past_only: true, informational: true}")
        let problems = Fixture.problems { _ = try Fixture.library(["common.yaml": common]) }
        #expect(problems == ["common.yaml:13:52: error: fact 'level' says 'past_only'; only facts of type date can\n  level: {type: enum, values: [low, medium, high], past_only: true, informational: true}\n                                                   ^"])
    }

    @Test("--service naming another country's service: exit 2 and the message")
    func otherCountryService() throws {
        let run = try Binary.run(["check", "examples/dk-gp-mild-depression.yaml", "--service", "se.employment.job_support"])
        #expect(run.status == 2)
        #expect(run.out.isEmpty)
        #expect(run.err == "--service: error: 'se.employment.job_support' is a service of SE, but the patient's jurisdiction is DK; each country's rules apply to its own patients only (name a DK service, or check the patient's jurisdiction)\n")
        let plan = try Binary.run(["plan", "examples/dk-gp-mild-depression.yaml", "--service", "no.dps.outpatient"])
        #expect(plan.status == 2)
        #expect(plan.err == "--service: error: 'no.dps.outpatient' is a service of NO, but the patient's jurisdiction is DK; each country's rules apply to its own patients only (name a DK service, or check the patient's jurisdiction)\n")
    }

    @Test("check refuses a sick leave that starts after the evaluation date, at its line")
    func futureSickLeave() throws {
        let patient = "id: p-f\nas_of: 2026-11-23\njurisdiction: SE\nage: 40\nemployment:\n  status: sick_leave\n  sick_leave_start: 2026-12-01\n"
        let run = try Binary.run(["check", "-"], input: patient)
        #expect(run.status == 2)
        #expect(run.err == "<stdin>:7:21: error: fact 'employment.sick_leave_start' is 2026-12-01, after the evaluation date 2026-11-23; it says when something happened, so it cannot lie after the evaluation date (check the date, the patient's as_of or --as-of)\n  sick_leave_start: 2026-12-01\n                    ^\n")
        let later = try Binary.run(["check", "-", "--as-of", "2026-12-10", "--format", "json"], input: patient)
        #expect(later.status == 0)
    }

    @Test("check refuses an ICD-10 code it cannot read, at its line")
    func badCode() throws {
        let run = try Binary.run(["check", "-"], input: "id: p\njurisdiction: DK\ndiagnosis: {icd10: F3.21}\n")
        #expect(run.status == 2)
        #expect(run.err == "<stdin>:3:20: error: fact 'diagnosis.icd10' must be an ICD-10 code such as F32.1 (DF321, F32,1 and F321 are read as F32.1); found 'F3.21', character 3: expected two digits after the letter, found '.'\ndiagnosis: {icd10: F3.21}\n                   ^\n")
        let sks = try Binary.run(["check", "-", "--format", "json", "--service", "dk.gp.talk_therapy"], input: "id: p\njurisdiction: DK\nage: 30\ngp: {listed: true}\nrisk: {acute: false}\ndiagnosis: {icd10: DF321, severity: moderate}\n")
        #expect(sks.status == 0)
        #expect(sks.out.contains("\"status\": \"eligible\""))
    }

    @Test("eligcheck --version prints the tool's and the rules' versions")
    func version() throws {
        let library = try RuleLibrary.load(from: [Fixture.packageRoot.appendingPathComponent("rules").path])
        let run = try Binary.run(["--version"])
        #expect(run.status == 0)
        #expect(run.out == "eligcheck \(ToolVersion.current)\nrules 2026.1 (content \(library.version); \(library.ruleSets.count) files in rules)\n")
        let fixture = try Binary.run(["--version", "--rules", "Tests/EligibilityTests/Fixtures/sick-leave"])
        #expect(fixture.out.hasPrefix("eligcheck \(ToolVersion.current)\nrules 1 (content "))
        let missing = try Binary.run(["--version", "--rules", "no-such-folder"])
        #expect(missing.status == 2)
        #expect(missing.out == "eligcheck \(ToolVersion.current)\nrules: cannot be loaded from no-such-folder\nno-such-folder: error: no such rule folder or file\n")
    }
}

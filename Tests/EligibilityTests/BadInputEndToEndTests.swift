import Foundation
import Testing
@testable import Eligibility

/// Bad rule and patient files through the real `eligcheck`, as a user meets them: the whole
/// message on standard error and the exit status.
@Suite("eligcheck on bad input, end to end", .serialized)
struct BadInputEndToEndTests {
    let fixtureRules = "Tests/EligibilityTests/Fixtures/sick-leave"

    /// A copy of the sick-leave rules with one criterion replaced, in a folder of its own.
    func rules(criteria: String) throws -> String {
        let source = Fixture.packageRoot.appendingPathComponent(fixtureRules)
        let dir = try Fixture.scratch("rules")
        for name in ["common.yaml", "se.yaml"] {
            var text = try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
            text = text.replacingOccurrences(of: "  income.annual: {type: number, min: 0}",
                                             with: "  income.annual: {type: number, min: 0}\n  diagnosis.since: {type: date, informational: true}")
            text = text.replacingOccurrences(of: "criteria: {fact: income.annual, at_most: 100000}", with: "criteria: \(criteria)")
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return dir.path
    }

    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = try Fixture.scratch("input").appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test("lint and test with a missing rules folder exit 2 (bad input), not 1")
    func missingFolder() throws {
        let missing = try Fixture.scratch("gone").appendingPathComponent("rules").path
        let lint = try Binary.run(["lint", "--rules", missing])
        #expect(lint.status == 2)
        #expect(lint.err == "\(missing): error: no such rule folder or file\n1 problem\n")
        #expect(lint.out.isEmpty)
        let test = try Binary.run(["test", "--rules", missing])
        #expect(test.status == 2)
        #expect(test.err == "\(missing): error: no such rule folder or file\n")
    }

    @Test("A duration that does not fit: lint refuses it at its number; diff fails loading with exit 2")
    func hugeDuration() throws {
        let proposed = try rules(criteria: "{fact: diagnosis.since, within: {days: 3000000000}}")
        let message = "\(proposed)/se.yaml:40:54: error: a duration must be at most 200 years (73050 days), found the number 3000000000\n"
            + "    criteria: {fact: diagnosis.since, within: {days: 3000000000}}\n"
            + String(repeating: " ", count: 53) + "^\n"
        let lint = try Binary.run(["lint", "--rules", proposed])
        #expect(lint.status == 1)
        #expect(lint.err == message + "1 problem\n")
        let cohort = try CohortTests.temporary("se.jsonl", #"{"id":"a","as_of":"2026-11-23","jurisdiction":"SE","age":45,"employment":{"status":"sick_leave","steady_job":true},"income":{"annual":5000}}"# + "\n")
        let diff = try Binary.run(["diff", "--base", fixtureRules, "--proposed", proposed, "--cohort", cohort])
        #expect(diff.status == 2)
        #expect(diff.err == message)
        #expect(diff.out.isEmpty)
    }

    @Test("An infinite threshold on an integer fact with a deadlock in the rules: refused when loading, no crash")
    func infiniteThreshold() throws {
        let proposed = try rules(criteria: "{all: [{fact: income.annual, at_most: 100000}, {fact: age, at_least: .inf}]}")
        let check = try Binary.run(["check", "--rules", proposed, "Tests/EligibilityTests/Fixtures/sick-leave-patient.yaml"])
        #expect(check.status == 2)
        #expect(check.err == "\(proposed)/se.yaml:40:84: error: 'age' must be from 0 to 130 (its declared range); found the number .inf\n"
            + "    criteria: {all: [{fact: income.annual, at_most: 100000}, {fact: age, at_least: .inf}]}\n" + String(repeating: " ", count: 83) + "^\n")
        #expect(check.out.isEmpty)
    }

    @Test("A byte-order mark at the start of a patient file (YAML or JSON) or a rule file is accepted")
    func byteOrderMark() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let patient = try String(contentsOf: Fixture.packageRoot.appendingPathComponent("Tests/EligibilityTests/Fixtures/sick-leave-patient.yaml"), encoding: .utf8)
        let yaml = try file("bom.yaml", bom + Array(patient.utf8))
        let plain = try Binary.run(["check", "--rules", fixtureRules, "Tests/EligibilityTests/Fixtures/sick-leave-patient.yaml", "--format", "json"])
        let marked = try Binary.run(["check", "--rules", fixtureRules, yaml, "--format", "json"])
        #expect(marked.status == 0)
        #expect(marked.out == plain.out)
        let json = try file("bom.json", bom + Array(#"{"id": "p-se-1", "as_of": "2026-11-23", "jurisdiction": "SE", "agee": 45}"#.utf8))
        let located = try Binary.run(["check", "--rules", fixtureRules, json])
        #expect(located.status == 2)
        #expect(located.err == "\(json):1:63: error: unknown fact 'agee'; did you mean 'age'?\n"
            + #"{"id": "p-se-1", "as_of": "2026-11-23", "jurisdiction": "SE", "agee": 45}"# + "\n" + String(repeating: " ", count: 62) + "^\n")
        let dir = try Fixture.scratch("bom-rules")
        for name in ["common.yaml", "se.yaml"] {
            let text = try Data(contentsOf: Fixture.packageRoot.appendingPathComponent("\(fixtureRules)/\(name)"))
            try Data(bom + [UInt8](text)).write(to: dir.appendingPathComponent(name))
        }
        let lint = try Binary.run(["lint", "--rules", dir.path])
        #expect(lint.status == 0)
        #expect(lint.out == "2 rule files, 3 services, 3 actions, 0 tests: no problems\n")
    }

    @Test("Invalid UTF-8 in a JSON patient file is refused at its byte")
    func invalidUTF8() throws {
        let path = try file("bad.json", Array(#"{"id": "p-1","#.utf8) + [10] + Array(#" "jurisdiction": "S"#.utf8) + [0xFF] + Array(#"E"}"#.utf8))
        let run = try Binary.run(["check", "--rules", fixtureRules, path])
        #expect(run.status == 2)
        #expect(run.err == "\(path):2:20: error: JSON: expected UTF-8 text, found byte 0xFF, which is not UTF-8\n"
            + " \"jurisdiction\": \"S\u{FFFD}E\"}\n" + String(repeating: " ", count: 19) + "^\n")
        #expect(run.out.isEmpty)
    }

    @Test("A patient file without an id is refused (contract §1)")
    func missingId() throws {
        let yaml = try Binary.run(["check", "--rules", fixtureRules, "-"], input: "jurisdiction: SE\nage: 45\n")
        #expect(yaml.status == 2)
        #expect(yaml.err == "<stdin>:1:1: error: the patient is missing required field 'id' (text that names the patient, like p-0001)\njurisdiction: SE\n^\n")
        let null = try Binary.run(["check", "--rules", fixtureRules, "-"], input: "id: null\njurisdiction: SE\n")
        #expect(null.status == 2)
        #expect(null.err == "<stdin>:1:5: error: the patient is missing required field 'id' (text that names the patient, like p-0001)\nid: null\n    ^\n")
        let json = try Binary.run(["check", "--rules", fixtureRules, "-"], input: #"{"jurisdiction": "SE"}"#)
        #expect(json.status == 2)
        #expect(json.err == "<stdin>:1:1: error: the patient is missing required field 'id' (text that names the patient, like p-0001)\n{\"jurisdiction\": \"SE\"}\n^\n")
    }
}

@Suite("Patient ids")
struct PatientIdTests {
    @Test("The patients inside rule tests need no id: the test's name says who they are")
    func ruleTestPatients() throws {
        let engine = try Fixture.engine("""
        services:
          dk.x: {title: X, because: b, source: law, criteria: {fact: flag.a, equals: true}}
        tests:
          - name: no id needed
            patient: {jurisdiction: DK, flag: {a: true}}
            expect: {dk.x: eligible}
        """)
        let results = RuleTestRunner(engine: engine).run()
        #expect(results.map(\.name) == ["no id needed"])
        #expect(results.map(\.failures) == [[]])
    }
}

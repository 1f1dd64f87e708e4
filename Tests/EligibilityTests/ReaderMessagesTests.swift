import Foundation
import Testing
@testable import Eligibility

/// Messages that named the wrong place, the wrong problem or a wrong date before.
@Suite("Reader messages: the real place and the real problem")
struct ReaderMessagesTests {
    func yamlProblem(_ bytes: [UInt8], name: String = "r.yaml") -> String? {
        do {
            _ = try YAMLDocument.parse(SourceText(name: name, bytes: bytes))
            return nil
        } catch {
            return error.description
        }
    }

    @Test("libyaml's reader errors (a control character, NUL) are located at their line and column, not at 1:1")
    func readerErrors() {
        #expect(yamlProblem(Array("ruleset: x\nversion: \"1\"\nname: \"a\u{1}b\"\n".utf8))
            == "r.yaml:3:9: error: YAML: control characters are not allowed, found U+0001\nname: \"a\u{1}b\"\n        ^")
        #expect(yamlProblem(Array("ruleset: x\nname: a\u{0}b\n".utf8))
            == "r.yaml:2:8: error: YAML: control characters are not allowed, found U+0000\nname: a\u{0}b\n       ^")
        // After a byte-order mark columns count from after it.
        #expect(yamlProblem(UTF8Text.byteOrderMark + Array("a: \u{7F}\n".utf8)) == "r.yaml:1:4: error: YAML: control characters are not allowed, found U+007F\na: \u{7F}\n   ^")
    }

    @Test("Bytes that are not UTF-8 are refused at the first of them; a UTF-16 file is not 'empty'")
    func notUTF8() {
        #expect(yamlProblem([0xFF, 0xFE]) == "r.yaml:1:1: error: YAML: expected UTF-8 text, found byte 0xFF, which is not UTF-8 (the file starts with a UTF-16 byte-order mark: save it as UTF-8)\n\u{FFFD}\u{FFFD}\n^")
        #expect(yamlProblem(Array("ruleset: x\nname: caf".utf8) + [0xE9, 10])
            == "r.yaml:2:10: error: YAML: expected UTF-8 text, found byte 0xE9, which is not UTF-8\nname: caf\u{FFFD}\n         ^")
        let lint = Fixture.problems { _ = try RuleLibrary.load([SourceText(name: "r.yaml", bytes: [0xFF, 0xFE])]) }
        #expect(lint.map { $0.split(separator: "\n")[0] } == [
            "r.yaml:1:1: error: YAML: expected UTF-8 text, found byte 0xFF, which is not UTF-8 (the file starts with a UTF-16 byte-order mark: save it as UTF-8)",
        ])
    }

    @Test("A .yaml patient file that starts with '{' is read as YAML (a flow mapping), not as JSON")
    func yamlFlowMapping() throws {
        let engine = try Fixture.engine("services:\n  dk.x: {title: X, because: b, source: law, criteria: {fact: flag.a, equals: true}}\n")
        let patient = try engine.decoder.decode(SourceText(name: "p.yaml", text: "{id: p-1, age: 30, flag: {a: true}}\n"))
        #expect(patient.id == "p-1")
        #expect(patient.facts["age"] == .integer(30))
        // Standard input and a .json file starting with '{' are JSON, as before.
        #expect(Fixture.problems { _ = try engine.decoder.decode(SourceText(name: "<stdin>", text: "{id: p-1}\n")) }
            == ["<stdin>:1:2: error: JSON: expected a quoted key, found 'i'\n{id: p-1}\n ^"])
    }

    @Test("--threads -1 is told it must be at least 1, not that its value is missing")
    func negativeThreads() throws {
        let run = try Binary.run(["diff", "--base", "rules", "--proposed", "rules", "--cohort", "/dev/null", "--threads", "-1"])
        #expect(run.status == 2)
        #expect(run.err.hasPrefix("Error: --threads must be at least 1\n"))
    }

    @Test("A deadline never runs past 9999-12-31, and a limit of billions of days does not trap")
    func latestDeadline() throws {
        let run = try Binary.run(["plan", "examples/dk-gp-mild-depression.yaml", "--as-of", "9999-12-20"])
        #expect(run.status == 0)
        #expect(run.out.contains("by 9999-12-31"))
        #expect(!run.out.contains("10000-"))
        let start = try #require(Day(year: 2026, month: 11, day: 23))
        #expect(Deadline("within 99999999999999 days").date(from: start) == Day.latestWritten)
        #expect(Deadline("within 99999999999999 weeks").date(from: start) == Day.latestWritten)
        #expect(Deadline("within 99999999999999 working days").date(from: start) == Day.latestWritten)
        #expect(Deadline("within 10 working days").date(from: start) == Day(year: 2026, month: 12, day: 7))
    }
}

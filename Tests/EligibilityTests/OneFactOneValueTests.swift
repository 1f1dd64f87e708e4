import Foundation
import Testing
@testable import Eligibility

/// A fact has one value: given twice (nested and dotted, or dotted twice) it is an error at
/// the second place naming the first; a number in a form JSON does not allow (a leading
/// `+` or zero) or that cannot be held (underflow, overflow) is an error, in patient files,
/// `check -` and cohort lines alike.
@Suite("One fact, one value")
struct OneFactOneValueTests {
    let engine: Engine

    init() throws {
        engine = try Fixture.engine("services:\n  dk.x: {title: X, because: b, source: law, criteria: {fact: flag.a, equals: true}}\n")
    }

    func problems(_ text: String, name: String) -> [String] {
        Fixture.problems { _ = try engine.decoder.decode(SourceText(name: name, text: text)) }
    }

    @Test("A fact given nested and dotted, in YAML and JSON, is an error at both places")
    func givenTwice() {
        #expect(problems("id: p-1\nflag: {a: true}\nflag.a: false\n", name: "p.yaml") == [
            "p.yaml:3:1: error: fact 'flag.a' given twice: here and at 2:8\nflag.a: false\n^",
        ])
        #expect(problems(#"{"id": "p-1", "flag": {"a": true}, "flag.a": false}"#, name: "p.json") == [
            "p.json:1:36: error: fact 'flag.a' given twice: here and at 1:24\n{\"id\": \"p-1\", \"flag\": {\"a\": true}, \"flag.a\": false}\n                                   ^",
        ])
        // The dotted form first, and a null does not make it less given.
        #expect(problems("id: p-1\nflag.a: null\nflag:\n  a: true\n", name: "p.yaml") == [
            "p.yaml:4:3: error: fact 'flag.a' given twice: here and at 2:1\n  a: true\n  ^",
        ])
    }

    @Test("A number with a leading '+' or zero, or one that underflows or overflows, is an error")
    func numberForms() {
        let cases: [(String, String)] = [
            ("age: 030", "p.yaml:1:6: error: fact 'age' must be a number written in decimal without leading zeros; found 030\nage: 030\n     ^"),
            ("age: 0x1F", "p.yaml:1:6: error: fact 'age' must be a number written in decimal without leading zeros; found 0x1F\nage: 0x1F\n     ^"),
            ("age: +30", "p.yaml:1:6: error: fact 'age' must be a number written without a leading '+'; found +30\nage: +30\n     ^"),
            ("income: 1e-400", "p.yaml:1:9: error: fact 'income' must be a number that can be held (about 2.2e-308 at the smallest); found 1e-400, which underflows to 0\nincome: 1e-400\n        ^"),
            ("income: 1e400", "p.yaml:1:9: error: fact 'income' must be a number that can be held (about ±1.8e308 at most); found 1e400, which overflows\nincome: 1e400\n        ^"),
            ("age: 99999999999999999999", "p.yaml:1:6: error: fact 'age' must be a number that can be held (at most 9223372036854775807 for a whole number); found 99999999999999999999, which overflows\nage: 99999999999999999999\n     ^"),
        ]
        for (line, message) in cases {
            #expect(problems("id: p-1\n" + line + "\n", name: "p.yaml").map { $0.replacingOccurrences(of: "p.yaml:2:", with: "p.yaml:1:") } == [message])
        }
        #expect(problems(#"{"id": "p-1", "income": 1e-400, "age": 030}"#, name: "p.json") == [
            "p.json:1:25: error: fact 'income' must be a number that can be held (about 2.2e-308 at the smallest); found 1e-400, which underflows to 0\n{\"id\": \"p-1\", \"income\": 1e-400, \"age\": 030}\n                        ^",
            "p.json:1:40: error: fact 'age' must be a number written in decimal without leading zeros; found 030\n{\"id\": \"p-1\", \"income\": 1e-400, \"age\": 030}\n                                       ^",
        ])
        // Written plainly they are numbers; quoted they are text, which the type check words.
        #expect(problems("id: p-1\nage: 0\nincome: 0.5e-3\n", name: "p.yaml") == [])
        #expect(problems("id: p-1\nage: '030'\n", name: "p.yaml") == ["p.yaml:2:6: error: fact 'age' must be a whole number; found the text \"030\"\nage: '030'\n     ^"])
    }

    @Test("check - and cohort lines say the same: the fast reader declines and the exact one words the error")
    func standardInputAndCohortLines() throws {
        let piped = try Binary.run(["check", "-"], input: #"{"id": "p1", "jurisdiction": "SE", "income": {"annual": 500000}, "income.annual": 0}"# + "\n")
        #expect(piped.status == 2)
        #expect(piped.err.hasPrefix("<stdin>:1:66: error: fact 'income.annual' given twice: here and at 1:47\n"))
        let lines = [
            #"{"id":"a","jurisdiction":"SE","income":{"annual":500000},"income.annual":0}"#,
            #"{"id":"b","jurisdiction":"SE","age":030}"#,
            #"{"id":"c","jurisdiction":"SE","age":-030}"#,
            #"{"id":"d","jurisdiction":"SE","income":{"annual":1e-400}}"#,
            #"{"id":"e","jurisdiction":"SE","income":{"annual":+5}}"#,
            #"{"id":"f","jurisdiction":"SE","age":30,"income":{"annual":0}}"#,
        ]
        let path = try CohortTests.temporary("twice.jsonl", lines.joined(separator: "\n") + "\n")
        let messages = """
            \(path):1:58: error: fact 'income.annual' given twice: here and at 1:41
            \(path):2:37: error: fact 'age' must be a number written in decimal without leading zeros; found 030
            \(path):3:37: error: fact 'age' must be a number written in decimal without leading zeros; found -030
            \(path):4:50: error: fact 'income.annual' must be a number that can be held (about 2.2e-308 at the smallest); found 1e-400, which underflows to 0
            \(path):5:50: error: fact 'income.annual' must be a number written without a leading '+'; found +5

            """
        let summary = "\(path): 6 lines read, 1 evaluated, 5 rejected\n"
        let check = try Binary.run(["check", "--cohort", path, "--as-of", "2026-11-23"])
        #expect(check.status == 0)
        #expect(check.err == messages + summary)
        // `diff` lists the rejected lines in its report.
        let diff = try Binary.run(["diff", "--base", "rules", "--proposed", "rules", "--cohort", path, "--as-of", "2026-11-23"])
        #expect(diff.status == 0)
        #expect(diff.err == summary)
        #expect(diff.out.contains("Rejected lines:\n" + messages.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")))
    }
}

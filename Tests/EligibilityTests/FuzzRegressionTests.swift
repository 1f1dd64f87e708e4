import Foundation
import Testing
@testable import Eligibility

/// Inputs the fuzzers (fuzz/) found crashing, each kept as a test of what the user gets now.
@Suite("Fuzz regressions", .serialized)
struct FuzzRegressionTests {
    let fixtureRules = "Tests/EligibilityTests/Fixtures/sick-leave"

    func problems(_ json: String) -> [String] {
        do {
            _ = try JSONDocument.parse(SourceText(name: "p.json", text: json))
            return []
        } catch {
            return [error.description]
        }
    }

    @Test("A \\u escape of a high surrogate followed by one that is not a low surrogate is an error, not a trap")
    func brokenSurrogatePair() {
        // Found by the cohort-lines target: `0x10000 + ... + (low - 0xDC00)` overflowed.
        #expect(problems(#"{"a\ud800\u0000": 1}"#) == [
            "p.json:1:10: error: JSON: expected a low surrogate (\\uDC00 to \\uDFFF) after \\uD800, found \\u0000\n{\"a\\ud800\\u0000\": 1}\n         ^",
        ])
        #expect(problems(#"{"a\udbffx": 1}"#) == [
            "p.json:1:10: error: JSON: expected a low surrogate (\\uDC00 to \\uDFFF) after \\uDBFF, found 'x'\n{\"a\\udbffx\": 1}\n         ^",
        ])
        #expect(problems(#"{"a\udc00": 1}"#) == [
            "p.json:1:4: error: JSON: expected a character escape, found \\uDC00, a low surrogate without a high one before it\n{\"a\\udc00\": 1}\n   ^",
        ])
    }

    @Test("A surrogate pair is one character; other escapes are the characters they name")
    func goodEscapes() throws {
        let node = try JSONDocument.parse(SourceText(name: "p.json", text: #"{"id": "p\ud83d\ude00\u00e9\u0041"}"#))
        #expect(node["id"]?.scalar?.text == "p😀éA")
    }

    @Test("The line the fuzzer found is one rejected cohort line; the lines around it are evaluated")
    func cohortLine() throws {
        // The fuzzer's input as it was found (with a raw control byte 0x10 in it).
        let found = try #require(Data(base64Encoded: "eyJpZCI6InAtMDAwMDM4LTAwMDAzODAiLCJhXHUxNjE1c1x1ZDgwMFx1MDAwMHNcdWQ4MDAzECwiTWlkeyJpZHRqMSJl"))
        let text = #"{"id":"a","jurisdiction":"SE","age":45}"# + "\n" + String(decoding: found, as: UTF8.self)
            + "\n" + #"{"id":"b","jurisdiction":"SE","age":46}"# + "\n"
        let cohort = try CohortTests.temporary("surrogate.jsonl", text)
        let run = try Binary.run(["check", "--rules", fixtureRules, "--cohort", cohort, "--as-of", "2026-11-23"])
        #expect(run.status == 0)
        let statuses = #""statuses":{"se.social_insurance.referral_to_employment":"needs_info","se.employment.job_support":"needs_info","se.municipality.financial_aid":"needs_info"}}"#
        #expect(run.out == #"{"id":"a","line":1,"# + statuses + "\n" + #"{"id":"b","line":3,"# + statuses + "\n")
        #expect(run.err == "\(cohort):2:41: error: JSON: expected a low surrogate (\\uDC00 to \\uDFFF) after \\uD800, found \\u0000\n"
            + "\(cohort): 3 lines read, 2 evaluated, 1 rejected\n")
    }

    @Test("A patient file with a broken surrogate pair: exit 2 and the place, not a crash")
    func patientFile() throws {
        let run = try Binary.run(["check", "--rules", fixtureRules, "-"], input: #"{"id":"p-1","jurisdiction":"SE","a\ud800\u0000":1}"#)
        #expect(run.status == 2)
        #expect(run.err == "<stdin>:1:41: error: JSON: expected a low surrogate (\\uDC00 to \\uDFFF) after \\uD800, found \\u0000\n"
            + #"{"id":"p-1","jurisdiction":"SE","a\ud800\u0000":1}"# + "\n" + String(repeating: " ", count: 40) + "^\n")
        #expect(run.out.isEmpty)
    }

    @Test("An empty id is refused, in a patient file and a cohort line (the readers disagreed on it)")
    func emptyId() throws {
        // Found by the cohort-lines target: the fast reader read no id, the exact reader
        // read an empty one and `check --cohort` wrote `"id":""`.
        let found = try #require(Data(base64Encoded: "eyJpZCI6IiIsImp1cmlzZGljdGlvbiI6IkRLIiwiYWdlIjoyMiwicmVzaWRlbmNlIjp7Im11bmljaXBhbGl0eSI6Il1dXV1dXV1dXV1dXV1dXV1dQWFhbmQifX0K"))
        let line = String(decoding: found, as: UTF8.self)
        #expect(line == #"{"id":"","jurisdiction":"DK","age":22,"residence":{"municipality":"]]]]]]]]]]]]]]]]]Aaand"}}"# + "\n")
        let cohort = try CohortTests.temporary("empty-id.jsonl", #"{"id":"a","jurisdiction":"SE","age":45}"# + "\n" + line)
        let run = try Binary.run(["check", "--rules", fixtureRules, "--cohort", cohort, "--as-of", "2026-11-23"])
        #expect(run.status == 0)
        #expect(run.out.hasPrefix(#"{"id":"a","line":1,"#) && !run.out.contains(#""line":2"#))
        #expect(run.err == "\(cohort):2:7: error: 'id' must name the patient (text like p-0001), found empty text\n"
            + "\(cohort): 2 lines read, 1 evaluated, 1 rejected\n")
        let file = try Binary.run(["check", "--rules", fixtureRules, "-"], input: "id: \"\"\njurisdiction: SE\n")
        #expect(file.status == 2)
        #expect(file.err == "<stdin>:1:5: error: 'id' must name the patient (text like p-0001), found empty text\nid: \"\"\n    ^\n")
    }
}

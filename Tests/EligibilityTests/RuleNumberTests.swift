import Testing
@testable import Eligibility

/// Numbers in rule files that evaluation could not do arithmetic with are refused when the
/// rules load (so by `lint` and every command), at their own line and column.
@Suite("Rule files: numbers out of range are refused where they are written")
struct RuleNumberTests {
    let header = """
    ruleset: test.agency
    agency: Test agency
    jurisdiction: DK
    version: "1"
    valid_from: 2020-01-01
    facts:
      visits: {type: integer, informational: true}
      amount: {type: number, informational: true}
    services:
      dk.x:
        title: X
        because: b
        source: law

    """

    /// Every problem printed for a service whose criteria are `criteria`.
    func problems(_ criteria: String) -> [String] {
        let agency = header + "    criteria: \(criteria)\n"
        return Fixture.problems { _ = try Fixture.library(["common.yaml": Fixture.common, "agency.yaml": agency]) }
    }

    /// A problem at `token` on the criteria line (line 14), as printed: place, message,
    /// the line, a caret under the token.
    func at(_ token: String, _ criteria: String, _ message: String) -> String {
        let line = "    criteria: \(criteria)"
        let column = (line.range(of: token).map { line.distance(from: line.startIndex, to: $0.lowerBound) } ?? -1) + 1
        return "agency.yaml:14:\(column): error: \(message)\n\(line)\n" + String(repeating: " ", count: column - 1) + "^"
    }

    @Test("A duration longer than 200 years is refused at its number, in every unit")
    func longDurations() {
        let cases: [(String, String, String)] = [
            ("{fact: since, within: {days: 3000000000}}", "3000000000", "a duration must be at most 200 years (73050 days), found the number 3000000000"),
            ("{fact: since, older_than: {months: 4294967296}}", "4294967296", "a duration must be at most 200 years (2400 months), found the number 4294967296"),
            ("{fact: since, within: {days: 2147483647}}", "2147483647", "a duration must be at most 200 years (73050 days), found the number 2147483647"),
            ("{fact: since, within: {weeks: 10437}}", "10437", "a duration must be at most 200 years (10436 weeks), found the number 10437"),
            ("{fact: since, older_than: {years: 201}}", "201", "a duration must be at most 200 years (200 years), found the number 201"),
        ]
        for (criteria, token, message) in cases {
            #expect(problems(criteria) == [at(token, criteria, message)])
        }
    }

    @Test("A duration of exactly 200 years loads")
    func longestDuration() {
        for criteria in ["{fact: since, within: {days: 73050}}", "{fact: since, older_than: {years: 200}}",
                         "{fact: since, within: {months: 2400}}", "{fact: since, within: {weeks: 10436}}"] {
            #expect(problems(criteria) == [])
        }
    }

    @Test("Infinite, not-a-number and huge thresholds on an integer fact with a declared range")
    func thresholdsOutsideDeclaredRange() {
        let cases: [(String, String, String)] = [
            ("{fact: age, at_least: .inf}", ".inf", "the number .inf"),
            ("{fact: age, at_most: .nan}", ".nan", "the number .nan"),
            ("{fact: age, at_least: 1e26}", "1e26", "the number 1e26"),
            ("{fact: age, between: [18, 99999999999999999999]}", "99999999999999999999", "the number 99999999999999999999"),
            ("{fact: age, at_least: -1}", "-1", "the number -1"),
            ("{fact: age, equals: 131}", "131", "the number 131"),
        ]
        for (criteria, token, found) in cases {
            #expect(problems(criteria) == [at(token, criteria, "'age' must be from 0 to 130 (its declared range); found \(found)")])
        }
    }

    @Test("Without a declared range a threshold must be finite and at most 10^15 either way")
    func thresholdsWithoutRange() {
        let cases: [(String, String, String)] = [
            ("{fact: visits, at_least: .inf}", ".inf", "'visits' must be a finite number from -1000000000000000 to 1000000000000000; found the number .inf"),
            ("{fact: visits, at_most: -.inf}", "-.inf", "'visits' must be a finite number from -1000000000000000 to 1000000000000000; found the number -.inf"),
            ("{fact: visits, at_least: 99999999999999999999}", "99999999999999999999", "'visits' must be a finite number from -1000000000000000 to 1000000000000000; found the number 99999999999999999999"),
            ("{fact: amount, at_most: 1e26}", "1e26", "'amount' must be a finite number from -1000000000000000 to 1000000000000000; found the number 1e26"),
            ("{fact: amount, equals: .nan}", ".nan", "'amount' must be a finite number from -1000000000000000 to 1000000000000000; found the number .nan"),
        ]
        for (criteria, token, message) in cases {
            #expect(problems(criteria) == [at(token, criteria, message)])
        }
        #expect(problems("{fact: visits, between: [-1000000000000000, 1000000000000000]}") == [])
        #expect(problems("{fact: amount, at_least: 0.5}") == [])
    }

    @Test("With only a min declared, the max is 10^15, and the message says which bound is declared")
    func thresholdsWithMinOnly() {
        let criteria = "{fact: income, at_most: 1e26}"
        #expect(problems(criteria) == [at("1e26", criteria, "'income' must be a finite number from 0 (its declared min) to 1000000000000000; found the number 1e26")])
        let negative = "{fact: income, at_least: -5}"
        #expect(problems(negative) == [at("-5", negative, "'income' must be a finite number from 0 (its declared min) to 1000000000000000; found the number -5")])
    }

    @Test("A fact declared with min above max is reported at its min")
    func minAboveMax() {
        let agency = header.replacingOccurrences(of: "visits: {type: integer, informational: true}", with: "visits: {type: integer, min: 200, max: 130, informational: true}")
            + "    criteria: {fact: visits, at_least: 1}\n"
        let found = Fixture.problems { _ = try Fixture.library(["common.yaml": Fixture.common, "agency.yaml": agency]) }
        #expect(found == ["agency.yaml:7:32: error: fact 'visits' has 'min' above 'max': expected min <= max, found min 200 and max 130\n  visits: {type: integer, min: 200, max: 130, informational: true}\n                               ^"])
    }

    @Test("A fact's min and max must be finite and at most 10^15 either way")
    func infiniteBounds() {
        let agency = header.replacingOccurrences(of: "amount: {type: number, informational: true}", with: "amount: {type: number, min: 0, max: .inf, informational: true}")
            + "    criteria: {fact: amount, at_least: 1}\n"
        let found = Fixture.problems { _ = try Fixture.library(["common.yaml": Fixture.common, "agency.yaml": agency]) }
        #expect(found == ["agency.yaml:8:39: error: 'max' must be a finite number from -1000000000000000 to 1000000000000000; found the number .inf\n  amount: {type: number, min: 0, max: .inf, informational: true}\n                                      ^"])
    }

    @Test("A version written as a bare number is refused at its line; in quotes it loads")
    func versionAsNumber() {
        let agency = header.replacingOccurrences(of: "version: \"1\"", with: "version: 2026.1") + "    criteria: {fact: visits, at_least: 1}\n"
        let found = Fixture.problems { _ = try Fixture.library(["common.yaml": Fixture.common, "agency.yaml": agency]) }
        #expect(found == ["agency.yaml:4:10: error: 'version' must be text in quotes, like \"2026.1\"; found the number 2026.1\nversion: 2026.1\n         ^"])
        let integer = header.replacingOccurrences(of: "version: \"1\"", with: "version: 3") + "    criteria: {fact: visits, at_least: 1}\n"
        let foundInteger = Fixture.problems { _ = try Fixture.library(["common.yaml": Fixture.common, "agency.yaml": integer]) }
        #expect(foundInteger == ["agency.yaml:4:10: error: 'version' must be text in quotes, like \"2026.1\"; found the number 3\nversion: 3\n         ^"])
        let quoted = header.replacingOccurrences(of: "version: \"1\"", with: "version: \"2026.1\"") + "    criteria: {fact: visits, at_least: 1}\n"
        #expect(Fixture.problems { _ = try Fixture.library(["common.yaml": Fixture.common, "agency.yaml": quoted]) } == [])
    }
}

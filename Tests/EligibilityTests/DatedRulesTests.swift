import Foundation
import Testing
@testable import Eligibility

/// Rules in time (issue 30): a threshold that changes on a date and a service that starts
/// on one, read on both sides of the date by the reference evaluator, the cohort engine
/// and `diff` comparing one folder on two dates; `lint` refuses overlapping and gapped
/// versions and dates where a date means nothing.
@Suite("Dated rules", .serialized)
struct DatedRulesTests {
    static let folder = "Tests/EligibilityTests/Fixtures/dated"
    static let before = Day(year: 2026, month: 12, day: 31)!
    static let after = Day(year: 2027, month: 1, day: 1)!

    func engine() throws -> Engine { try Engine(rules: [Fixture.packageRoot.appendingPathComponent(Self.folder).path]) }

    func outcome(_ engine: Engine, age: Int, on day: Day, _ id: String) throws -> ServiceOutcome {
        let patient = try Fixture.patient(engine, "jurisdiction: DK\nage: \(age)\ndiagnosis:\n  depression: true\n")
        return try #require(try engine.report(for: patient, asOf: day).services.first { $0.id == id })
    }

    @Test("A threshold that changes on 2027-01-01: the version in force decides, and the reason names its line")
    func thresholdOnBothSides() throws {
        let engine = try engine()
        #expect(engine.periods.starts == [Self.after])
        let old = try outcome(engine, age: 27, on: Self.before, "dk.test.free_psychologist")
        #expect(old.status == .ineligible)
        #expect(old.reasons.map(\.rule) == ["dk.yaml:16"])
        #expect(old.reasons.map(\.text) == ["Age: 27; needed: from 18 to 24"])
        let new = try outcome(engine, age: 27, on: Self.after, "dk.test.free_psychologist")
        #expect(new.status == .eligible)
        // Each criterion that holds, the widened age band's version among them, not the old one.
        #expect(new.reasons.map(\.rule) == ["dk.yaml:15", "dk.yaml:17", "dk.yaml:18"])
        // 22 is within both versions; 30 within neither.
        #expect(try outcome(engine, age: 22, on: Self.before, "dk.test.free_psychologist").status == .eligible)
        #expect(try outcome(engine, age: 22, on: Self.after, "dk.test.free_psychologist").status == .eligible)
        #expect(try outcome(engine, age: 30, on: Self.after, "dk.test.free_psychologist").status == .ineligible)
        // The first day of a period and the last of the one before.
        #expect(try outcome(engine, age: 25, on: Day(year: 2026, month: 12, day: 30)!, "dk.test.free_psychologist").status == .ineligible)
        #expect(try outcome(engine, age: 25, on: Day(year: 2027, month: 6, day: 1)!, "dk.test.free_psychologist").status == .eligible)
    }

    @Test("A service that starts on a date is not offered the day before, and says so")
    func serviceStartsOnADate() throws {
        let engine = try engine()
        let patient = try Fixture.patient(engine, "jurisdiction: DK\nage: 40\ndiagnosis:\n  depression: true\n")
        let before = try engine.report(for: patient, asOf: Self.before).services.first { $0.id == "dk.test.new_scheme" }
        let after = try engine.report(for: patient, asOf: Self.after).services.first { $0.id == "dk.test.new_scheme" }
        #expect(after?.status == .eligible)
        // Like another country's services, one not in force is not in the report.
        #expect(before == nil)
        let asked = try engine.report(for: patient, asOf: Self.before, services: ["dk.test.new_scheme"])
        #expect(asked.services.isEmpty)
        #expect(TextReport.render(asked).contains(
            "dk.test.new_scheme: not offered to this patient on 2026-12-31 (a service of another country than DK, or not in force on that date).\n"))
        let run = try Binary.run(["check", "--rules", Self.folder, "--as-of", "2026-12-31", "--service", "dk.test.new_scheme", "-"],
                                 input: "id: p1\njurisdiction: DK\nage: 40\n")
        #expect(run.status == 0)
        #expect(run.out == """
            Patient p1, DK, as of 2026-12-31 (rules \(engine.library.version))

            dk.test.new_scheme: not offered to this patient on 2026-12-31 (a service of another country than DK, or not in force on that date).

            """)
    }

    /// Patients of ages 16 to 31 with and without depression, on both dates.
    static func cohortLines() -> [String] {
        var lines: [String] = []
        for day in [before, after] {
            for age in 16...31 {
                for depression in [true, false] {
                    lines.append(#"{"id":"p\#(age)-\#(depression)-\#(day)","as_of":"\#(day)","jurisdiction":"DK","age":\#(age),"diagnosis":{"depression":\#(depression)}}"#)
                }
            }
        }
        return lines
    }

    @Test("The cohort engine picks each line's period and agrees with the reference evaluator")
    func cohortAgreesWithReference() throws {
        let engine = try engine()
        let file = try Fixture.scratch("dated").appendingPathComponent("cohort.jsonl")
        let lines = Self.cohortLines()
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        var output: [UInt8] = []
        let summary = try CohortCheck(library: engine.library).run(file.path, workers: 2, chunkBytes: 512,
                                                                   write: { output += $0 }, badLine: { _ in })
        #expect(summary.evaluated == lines.count)
        let rows = String(decoding: output, as: UTF8.self).split(separator: "\n")
        #expect(rows.count == lines.count)
        for (line, row) in zip(lines, rows) {
            let patient = try engine.decoder.decode(SourceText(name: "line.json", text: line))
            let report = try engine.report(for: patient)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(row.utf8)) as? [String: Any])
            let statuses = object["statuses"] as? [String: String] ?? [:]
            for service in report.services where service.status != .ineligible || !service.reasons.contains(where: { $0.text.hasPrefix("not offered") }) {
                #expect(statuses[service.id] == service.status.rawValue, "\(line): \(service.id)")
            }
        }
    }

    @Test("diff compares one folder on two dates: who gains the widened scheme and the new one")
    func diffOnTwoDates() throws {
        let file = try Fixture.scratch("dated-diff").appendingPathComponent("cohort.jsonl")
        try (Self.cohortLines().prefix(32).joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let library = try RuleLibrary.load(from: [Fixture.packageRoot.appendingPathComponent(Self.folder).path])
        var options = CohortDiff.Options()
        options.fixedDate = Self.before
        options.proposedDate = Self.after
        let report = try CohortDiff(base: library, proposed: library).run(file.path, options: options)
        #expect(report.evaluated == 32)
        let column = try #require(report.services.firstIndex(of: "dk.test.free_psychologist"))
        // Ages 25-29 with depression gain the widened scheme.
        #expect(report.transitions[column][.ineligible, .eligible] == 5)
        #expect(report.transitions[column][.eligible, .eligible] == 7)
        // Everyone with depression gains the new scheme (16 of them); nobody loses anything.
        #expect(report.people.gained == 16)
        #expect(report.people.lost == 0)
        #expect(report.text(base: "dated", proposed: "dated").hasPrefix(
            "Rule change over \(file.path)\n  current:  dated (as of 2026-12-31)\n  proposed: dated (as of 2027-01-01)\n"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json(base: "dated", proposed: "dated").utf8)) as? [String: Any])
        #expect(json["as_of"] as? String == "2026-12-31")
        #expect(json["as_of_proposed"] as? String == "2027-01-01")

        // The same through the command line.
        let run = try Binary.run(["diff", "--base", Self.folder, "--as-of", "2026-12-31", "--proposed", Self.folder,
                                  "--as-of-proposed", "2027-01-01", "--cohort", file.path, "--format", "json"])
        #expect(run.status == 0, "\(run.err)")
        let cli = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        #expect(cli["as_of_proposed"] as? String == "2027-01-01")
        #expect((cli["headline"] as? [String: Any])?["people_gaining"] as? Int == 16)
    }

    func lint(_ criteria: String, extra: String = "") -> [String] {
        let agency = """
        ruleset: test.agency
        agency: Test agency
        jurisdiction: DK
        version: "1"
        valid_from: 2020-01-01
        valid_to: 2030-12-31
        sources:
          l: {kind: law, cite: "A law"}
        services:
          s:
            title: S
            because: b
            source: l
        \(extra)
            criteria:
              all:
        \(criteria)
        """
        return Fixture.problems { _ = try Fixture.library(["common.yaml": Fixture.common, "agency.yaml": agency]) }
    }

    @Test("lint refuses versions of one criterion that overlap or leave a gap, and dates where they mean nothing")
    func lintRefusals() throws {
        #expect(lint("""
                    - {fact: age, at_least: 18, valid_to: 2026-12-31}
                    - {fact: age, at_least: 20, valid_from: 2027-01-01}
            """) == [])
        #expect(lint("""
                    - {fact: age, at_least: 18, valid_to: 2026-12-31}
                    - {fact: age, at_least: 20, valid_from: 2026-12-01}
            """) == ["""
            agency.yaml:18:49: error: two versions of the criterion on 'age' overlap: the one at line 17 is in force until 2026-12-31 and this one from 2026-12-01
                    - {fact: age, at_least: 20, valid_from: 2026-12-01}
                                                            ^
            """])
        #expect(lint("""
                    - {fact: age, at_least: 18, valid_to: 2026-12-31}
                    - {fact: age, at_least: 20, valid_from: 2027-02-01}
            """) == ["""
            agency.yaml:18:49: error: the versions of the criterion on 'age' leave a gap: the one at line 17 ends 2026-12-31 and this one starts 2027-02-01; expected 'valid_from: 2027-01-01' (on the days between, no version applies)
                    - {fact: age, at_least: 20, valid_from: 2027-02-01}
                                                            ^
            """])
        #expect(lint("""
                    - {fact: age, at_least: 18}
                    - {fact: age, at_least: 20, valid_from: 2027-02-01, valid_to: 2027-01-01}
            """) == ["""
            agency.yaml:18:71: error: 'valid_to' 2027-01-01 is before 'valid_from' 2027-02-01
                    - {fact: age, at_least: 20, valid_from: 2027-02-01, valid_to: 2027-01-01}
                                                                                  ^
            """])
        #expect(lint("            - {fact: age, at_least: 18}", extra: "    valid_from: 2031-01-01") == [
            """
            agency.yaml:14:17: error: service 's' is in force from 2031-01-01, outside its rule set (2020-01-01 to 2030-12-31): it is never offered
                valid_from: 2031-01-01
                            ^
            """,
        ])
        let need = Fixture.problems {
            _ = try Fixture.library(["common.yaml": Fixture.common, "agency.yaml": """
                ruleset: test.agency
                agency: Test agency
                jurisdiction: DK
                version: "1"
                valid_from: 2020-01-01
                alerts:
                  a:
                    when: {fact: flag.a, equals: true, valid_from: 2027-01-01}
                    text: "Act now."
                    source: law
                """])
        }
        #expect(need == ["""
            agency.yaml:8:52: error: 'valid_from'/'valid_to' date the criteria of services and actions (or a whole service or action); an alert's 'when' is read on every date
                when: {fact: flag.a, equals: true, valid_from: 2027-01-01}
                                                               ^
            """])
    }
}

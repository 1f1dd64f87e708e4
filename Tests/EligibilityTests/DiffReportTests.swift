import Foundation
import Testing
@testable import Eligibility

@Suite("diff report: headline, services that change, formats", .serialized)
struct DiffReportTests {
    static let fixtures = "Tests/EligibilityTests/Fixtures"
    static let rules = ["--base", "\(fixtures)/sick-leave", "--proposed", "\(fixtures)/sick-leave-proposed"]
    static let arguments = ["diff"] + rules + ["--cohort", "\(fixtures)/diff-cohort.jsonl"]
    static let golden = Fixture.packageRoot.appendingPathComponent("\(fixtures)/golden")

    static func expected(_ name: String) throws -> String {
        try String(contentsOf: golden.appendingPathComponent(name), encoding: .utf8)
    }

    @Test("The text report starts with the headline and matches the golden file")
    func goldenText() throws {
        let run = try Binary.run(Self.arguments)
        #expect(run.status == 0)
        try GoldenTests.expectGolden(run.out, "diff.text")
        #expect(run.err == "\(Self.fixtures)/diff-cohort.jsonl: 8 lines read, 7 evaluated, 1 rejected\n")
        let lines = run.out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[5] == "4 of 7 patients (57.1 %) change status for at least one service.")
    }

    @Test("JSON carries the headline and each service's transition matrix")
    func json() throws {
        let run = try Binary.run(Self.arguments + ["--format", "json"])
        #expect(run.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        #expect(report["statuses"] as? [String] == ["eligible", "reachable", "ineligible", "needs_info", "blocked", "deadlocked", "not_evaluated"])
        let headline = try #require(report["headline"] as? [String: Any])
        #expect(headline["patients"] as? Int == 7)
        #expect(headline["patients_changed"] as? Int == 4)
        #expect(headline["deadlocks_appear"] as? Int == 1)
        #expect(headline["deadlocks_vanish"] as? Int == 1)
        let figures = (headline["services"] as? [[String: Any]] ?? []).map {
            "\($0["id"] as? String ?? "") +\($0["gained"] as? Int ?? -1) -\($0["lost"] as? Int ?? -1) net \($0["net"] as? Int ?? -1) moved \($0["moved"] as? Int ?? -1)"
        }
        #expect(figures == ["se.social_insurance.referral_to_employment +1 -1 net 0 moved 2",
                            "se.employment.job_support +1 -2 net -1 moved 3",
                            "se.municipality.financial_aid +2 -2 net 0 moved 4"])
        let aid = try #require((report["services"] as? [[String: Any]])?.first { $0["id"] as? String == "se.municipality.financial_aid" })
        #expect(aid["matrix"] as? [[Int]] == [[0, 0, 0, 0, 1, 1, 0], [0, 0, 0, 0, 0, 0, 0], [2, 0, 1, 0, 0, 0, 0],
                                              [0, 0, 0, 1, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 1]])
    }

    @Test("Only the services that change are shown; --all shows every service")
    func onlyChanges() throws {
        let lines = try String(contentsOf: Fixture.packageRoot.appendingPathComponent("\(Self.fixtures)/diff-cohort.jsonl"), encoding: .utf8)
            .split(separator: "\n").filter { line in ["\"a\"", "\"b\"", "\"e\"", "\"h\""].contains { line.contains($0) } }
        let cohort = try CohortTests.temporary("c.jsonl", lines.joined(separator: "\n") + "\n")
        let some = try Binary.run(["diff"] + Self.rules + ["--cohort", cohort])
        #expect(some.out.contains("Statuses per service that changes (current -> proposed; --all for every service):\n"))
        #expect(!some.out.contains("  Referral to the Employment Agency"))
        let all = try Binary.run(["diff"] + Self.rules + ["--cohort", cohort, "--all"])
        #expect(all.out.contains("Statuses per service (current -> proposed):\n"))
        // The analyst reads titles; JSON keeps the ids.
        #expect(all.out.contains("  Referral to the Employment Agency  2                0                0                1                1                0\n"))
        for (flags, count) in [([String](), 2), (["--all"], 3)] {
            let json = try Binary.run(["diff"] + Self.rules + ["--cohort", cohort, "--format", "json"] + flags)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
            #expect((report["services"] as? [Any])?.count == count)
        }
    }

    @Test("Gained means a move up to reachable or eligible, lost a move down; other moves count only as moves")
    func gainedAndLost() {
        func change(_ from: Status?, _ to: Status?) -> DiffReport.ServiceChange {
            var matrix = TransitionCounts()
            matrix[from.map(CohortStatus.init) ?? .notEvaluated, to.map(CohortStatus.init) ?? .notEvaluated] = 3
            return DiffReport.change("s", matrix)
        }
        #expect(change(.reachable, .eligible).gained == 3)
        #expect(change(.eligible, .reachable).lost == 3)
        #expect(change(.blocked, .reachable).gained == 3)
        #expect(change(nil, .eligible).gained == 3)
        #expect(change(.eligible, nil).lost == 3)
        let sideways = change(.ineligible, .deadlocked)
        #expect((sideways.gained, sideways.lost, sideways.moved, sideways.net) == (0, 0, 3, 0))
        #expect(change(.eligible, .eligible).moved == 0)
    }

    @Test("The number of threads changes no output: text, JSON and HTML")
    func threads() throws {
        for format in ["text", "json", "html"] {
            let outputs = try [1, 2, 3].map { try Binary.run(Self.arguments + ["--format", format, "--threads", String($0)]).out }
            #expect(outputs[0] == outputs[1], "\(format)")
            #expect(outputs[0] == outputs[2], "\(format)")
        }
    }

    @Test("Rejected lines: the first 20 in the report with line, column and reason; every one with --rejected FILE, private")
    func rejectedLines() throws {
        let lines = (1...30).map { #"{"id":"p\#($0)","jurisdiction":"SE","agee":\#($0)}"# }
        let cohort = try CohortTests.temporary("bad.jsonl", lines.joined(separator: "\n") + "\n")
        let file = try Fixture.scratch("rejected").appendingPathComponent("rejected.jsonl").path
        let run = try Binary.run(["diff"] + Self.rules + ["--cohort", cohort, "--rejected", file])
        #expect(run.status == 0)
        let out = run.out.split(separator: "\n").map(String.init)
        #expect(out.contains("Rejected lines (first 20 of 30; all with --rejected FILE):"))
        #expect(out.contains("  \(cohort):1:32: error: unknown fact 'agee'; did you mean 'age'?"))
        #expect(out.contains("  \(cohort):20:33: error: unknown fact 'agee'; did you mean 'age'?"))
        #expect(!out.contains { $0.hasPrefix("  \(cohort):21:") })
        let written = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(written.count == 30)
        #expect(written.first == #"{"line": 1, "column": 32, "error": "unknown fact 'agee'; did you mean 'age'?"}"#)
        #expect(written.last == #"{"line": 30, "column": 33, "error": "unknown fact 'agee'; did you mean 'age'?"}"#)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
    }
}

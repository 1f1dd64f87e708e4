import Foundation
import Testing
@testable import Eligibility

/// Runs the real `eligcheck` binary, as a user would.
enum Binary {
    struct Run {
        var status: Int32
        var out: String
        var err: String
    }

    static var path: String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL,
        ]
        for dir in candidates {
            let file = dir.appendingPathComponent("eligcheck").path
            if FileManager.default.isExecutableFile(atPath: file) { return file }
        }
        return Fixture.packageRoot.appendingPathComponent(".build/debug/eligcheck").path
    }

    static func run(_ arguments: [String], input: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = Fixture.packageRoot
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                   err: String(decoding: errData, as: UTF8.self))
    }
}

@Suite("eligcheck end to end", .serialized)
struct EndToEndTests {
    let fixtureRules = "Tests/EligibilityTests/Fixtures/sick-leave"
    let golden = Fixture.packageRoot.appendingPathComponent("Tests/EligibilityTests/Fixtures/golden")

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func statuses(_ report: [String: Any]) -> [String: String] {
        let services = report["services"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: services.map { ($0["id"] as? String ?? "", $0["status"] as? String ?? "") })
    }

    @Test("check prints the whole text and JSON report as expected (golden files)")
    func goldenOutput() throws {
        for format in ["text", "json", "markdown"] {
            let run = try Binary.run(["check", "\(fixtureRules)/../sick-leave-patient.yaml", "--rules", fixtureRules, "--format", format])
            #expect(run.status == 0)
            try GoldenTests.expectGolden(run.out, "sick-leave.\(format)")
        }
        let verbose = try Binary.run(["check", "\(fixtureRules)/../sick-leave-patient.yaml", "--rules", fixtureRules, "--verbose"])
        #expect(verbose.status == 0)
        try GoldenTests.expectGolden(verbose.out, "sick-leave.verbose.text")
    }

    @Test("The Swedish sick-leave example: deadlock with its cycle and ways out, in JSON")
    func swedishExample() throws {
        let run = try Binary.run(["check", "examples/se-sick-leave-trap-day200.yaml", "--format", "json"])
        #expect(run.status == 0)
        let report = try json(run.out)
        #expect(report["patient"] as? String == "se-trap-day200")
        let s = statuses(report)
        #expect(s["se.employment.job_support"] == "deadlocked")
        #expect(s["se.social_insurance.referral_to_employment"] == "deadlocked")
        let job = (report["services"] as? [[String: Any]])?.first { $0["id"] as? String == "se.employment.job_support" }
        #expect(Set(job?["cycle"] as? [String] ?? []) == ["se.employment.job_support", "se.social_insurance.referral_to_employment"])
        let ways = (job?["ways_out"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(ways.contains("se.patient.resign"))
        let reasons = job?["reasons"] as? [[String: Any]] ?? []
        // Rule lines are relative to the rules folder, whichever folder the rules were loaded from.
        #expect(reasons.allSatisfy { ($0["rule"] as? String ?? "").hasPrefix("se/") && !($0["source"] as? String ?? "").isEmpty })
        #expect((report["deadlocks"] as? [Any])?.isEmpty == false)
    }

    @Test("Every example patient is checked without error, and each situation shows")
    func examples() throws {
        let dir = Fixture.packageRoot.appendingPathComponent("examples")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 10)
        for file in files {
            let run = try Binary.run(["check", "examples/\(file)", "--format", "json"])
            #expect(run.status == 0, "\(file): \(run.err)")
            #expect(!statuses(try json(run.out)).isEmpty, "\(file)")
        }
        let dk = statuses(try json(try Binary.run(["check", "examples/dk-gp-mild-depression.yaml", "--format", "json"]).out))
        #expect(dk["dk.psychiatry.visitation"] == "ineligible")
        #expect(dk["dk.care_manager.course"] == "reachable")
    }

    @Test("A patient from standard input, and the text a GP reads")
    func standardInput() throws {
        let patient = try String(contentsOf: Fixture.packageRoot.appendingPathComponent("examples/se-sick-leave-trap-day200.yaml"), encoding: .utf8)
        let run = try Binary.run(["check", "-", "--service", "se.employment.job_support"], input: patient)
        #expect(run.status == 0)
        let lines = run.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The one-line verdict first, then the report, naming services by title.
        #expect(Array(lines.prefix(10)) == [
            "Help to find or change job? No, not as things stand: it waits in a deadlock with Referral from",
            "  Social Insurance to the Employment Agency; 2 ways out below",
            "Patient se-trap-day200, SE, as of 2026-11-23 (rules \(lines[2].split(separator: " ").last.map { String($0.dropLast()) } ?? ""))",
            "",
            "Now:     nothing yet",
            "Blocked: deadlock: Employment Agency (SE) ↔ Social Insurance Agency (SE); 2 ways out",
            "",
            "Deadlocked between agencies (1)",
            "  Help to find or change job",
            "  Cycle: Help to find or change job → Referral from Social Insurance to the Employment Agency → Help",
        ])
    }

    @Test("plan for one service: the goal with who does what, documents and deadline")
    func plan() throws {
        let run = try Binary.run(["plan", "examples/dk-gp-mild-depression.yaml", "--service", "dk.care_manager.course"])
        #expect(run.status == 0)
        let lines = run.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "Plan for patient dk-ex-gp-mild-depression — meeting on 2026-11-23")
        #expect(Array(lines.dropFirst(2)) == [
            "",
            "Now:  nothing yet",
            "Next: Care-manager course in general practice (collaborative care) (after 2 steps)",
            "",
            "GOALS: STEPS IN ORDER",
            "  Care-manager course in general practice (collaborative care) — Regional psychiatry + GP (DK)",
            "    1. GP: Join the care-manager scheme the region offers to practices, to have a care manager",
            "       assigned",
            "    2. GP: Book the shared first consultation with the patient and the care manager, then send the",
            "       e-referral",
            "    3. Regional psychiatry + GP (DK): Care-manager course in general practice (collaborative care)",
            "       Documents: E-referral through the psychiatric visitation naming the care manager assigned to",
            "         the practice",
            "       Deadline: About 12 weeks, 5-6 sessions (seed-paper, unverified)",
            "",
        ])
    }

    @Test("A bad patient file: exit 2 and file:line:column on standard error")
    func badPatient() throws {
        let run = try Binary.run(["check", "-"], input: "id: p-1\njurisdiction: SE\nagee: 40\n")
        #expect(run.status == 2)
        #expect(run.err == "<stdin>:3:1: error: unknown fact 'agee'; did you mean 'age'?\nagee: 40\n^\n")
        #expect(run.out.isEmpty)
    }

    @Test("A patient without a jurisdiction is refused; a date before the rules says so")
    func jurisdictionAndDate() throws {
        let none = try Binary.run(["check", "-"], input: "id: p-1\nage: 40\n")
        #expect(none.status == 2)
        #expect(none.err == "<stdin>: error: the patient has no 'jurisdiction' (DK, SE or NO); each country's rules apply to its own patients only\n")
        let early = try Binary.run(["check", "-", "--as-of", "2010-01-01"], input: "id: p-1\njurisdiction: SE\nage: 40\n")
        #expect(early.status == 0)
        #expect(early.out.hasSuffix("\n\nNo service of SE is in force on 2010-01-01 in these rules.\n"))
    }

    @Test("Bad usage exits with 2")
    func badUsage() throws {
        let nothing = try Binary.run(["check"])
        #expect(nothing.status == 2)
        #expect(nothing.err.hasPrefix("Error: give a PATIENT file (or - for standard input), or --cohort FILE.jsonl\n"))
        let pdf = try Binary.run(["check", "examples/se-sick-leave-trap-day200.yaml", "--format", "pdf"])
        #expect(pdf.status == 2)
        #expect(pdf.err.hasPrefix("Error: --format must be one of text, json, markdown; found 'pdf'\n"))
        let verb = try Binary.run(["frobnicate"])
        #expect(verb.status == 2)
        #expect(verb.err.hasPrefix("Error: Unexpected argument 'frobnicate'\n"))
        let unknown = try Binary.run(["check", "examples/se-sick-leave-trap-day200.yaml", "--service", "se.employment.jobsupport"])
        #expect(unknown.status == 2)
        #expect(unknown.err.contains("unknown service 'se.employment.jobsupport'; did you mean 'se.employment.job_support'?"))
    }

    @Test("lint: clean on the bundled rules; a broken file gives file:line:col and exit 1")
    func lint() throws {
        let clean = try Binary.run(["lint"])
        #expect(clean.status == 0)
        #expect(clean.out.hasSuffix("tests: no problems\n"))
        let broken = try CohortTests.temporary("broken.yaml", "ruleset: x\nversion: \"1\"\nvalid_from: 2020-01-01\nfacts:\n  a: {type: boool}\n")
        let run = try Binary.run(["lint", "--rules", broken])
        #expect(run.status == 1)
        #expect(run.err.contains("broken.yaml:5:13: error: 'type' must be one of bool, integer, number, string, enum, date; found 'boool'; did you mean 'bool'?"))
    }

    @Test("test: the bundled rule tests pass and the summary line closes the output")
    func ruleTests() throws {
        let run = try Binary.run(["test"])
        #expect(run.status == 0)
        let last = run.out.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasSuffix(" passed, 0 failed"))
        #expect((Int(last.split(separator: " ")[0]) ?? 0) >= 40)
    }

    @Test("test: a failing rule test prints expected vs got at its rule line and exits 1")
    func failingRuleTest() throws {
        let dir = try Fixture.scratch("rule-test").appendingPathComponent("rules")
        try FileManager.default.copyItem(at: Fixture.packageRoot.appendingPathComponent(fixtureRules), to: dir)
        let file = dir.appendingPathComponent("se.yaml")
        let text = try String(contentsOf: file, encoding: .utf8) + """
        tests:
          - name: wrong on purpose
            patient: {jurisdiction: SE, age: 45, employment: {status: sick_leave, steady_job: true}}
            expect: {se.employment.job_support: eligible}

        """
        try text.write(to: file, atomically: true, encoding: .utf8)
        let run = try Binary.run(["test", "--rules", dir.path])
        #expect(run.status == 1)
        let lines = run.out.split(separator: "\n").map(String.init)
        #expect(lines.first == "FAIL \(file.path):67: wrong on purpose")
        #expect(lines.dropFirst().first?.hasPrefix("  \(file.path):69: se.employment.job_support: expected eligible, got deadlocked (") == true)
        #expect(lines.last == "0 passed, 1 failed")
    }

    @Test("diff and check --cohort run end to end")
    func cohortCommands() throws {
        let cohort = try CohortTests.temporary("c.jsonl", CohortTests.smallCohort)
        let proposed = try CohortTests.proposedRules()
        let diff = try Binary.run(["diff", "--base", fixtureRules, "--proposed", proposed, "--cohort", cohort])
        #expect(diff.status == 0)
        #expect(diff.out.contains("  Financial aid: ineligible -> eligible: 1  e.g. a\n"))
        #expect(diff.err.contains("6 lines read, 5 evaluated, 1 rejected"))
        let check = try Binary.run(["check", "--cohort", cohort, "--rules", fixtureRules, "--format", "jsonl"])
        #expect(check.status == 0)
        #expect(check.out.split(separator: "\n").count == 5)
        #expect(check.err.contains(":5:52: error: unknown fact 'agee'"))
        // JSON Lines is the default output with --cohort.
        let strict = try Binary.run(["check", "--cohort", cohort, "--rules", fixtureRules, "--strict"])
        #expect(strict.status == 2)
        // The patients before the bad line (line 5) are written; none after it.
        #expect(strict.out.split(separator: "\n").map { String($0.prefix(10)) } == [#"{"id":"a","#, #"{"id":"b","#, #"{"id":"c","#, #"{"id":"d","#])
        #expect(strict.err.contains(":5:52: error: unknown fact 'agee'"))
        let text = try Binary.run(["check", "--cohort", cohort, "--rules", fixtureRules, "--format", "text"])
        #expect(text.status == 2)
        #expect(text.err.contains("--format must be one of jsonl; found 'text'"))
    }

    @Test("diff with broken proposed rules stops before reading the cohort, naming the file")
    func diffBrokenRules() throws {
        let cohort = try CohortTests.temporary("c.jsonl", CohortTests.smallCohort)
        let proposed = try CohortTests.proposedRules()
        let file = URL(fileURLWithPath: proposed).appendingPathComponent("se.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "{fact: income.annual, at_most: 200000}", with: "{fact: income.anual, at_most: 200000}")
            .write(to: file, atomically: true, encoding: .utf8)
        let run = try Binary.run(["diff", "--base", fixtureRules, "--proposed", proposed, "--cohort", cohort])
        #expect(run.status == 2)
        #expect(run.out.isEmpty)
        #expect(run.err.contains("\(file.path):"))
        #expect(run.err.contains("unknown fact 'income.anual'; did you mean 'income.annual'?"))
    }
}

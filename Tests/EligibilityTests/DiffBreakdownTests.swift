import Foundation
import Testing
@testable import Eligibility

@Suite("diff --by: figures per group", .serialized)
struct DiffBreakdownTests {
    static let fixtures = "Tests/EligibilityTests/Fixtures"
    static let arguments = ["diff", "--base", "\(fixtures)/sick-leave", "--proposed", "\(fixtures)/sick-leave-proposed",
                            "--cohort", "\(fixtures)/diff-cohort.jsonl"]

    /// The bundled rules with adult psychiatry from 16 instead of 18 and financial aid's
    /// income limit raised (the benchmark's change, and one more).
    static func proposedRules() throws -> String {
        let dir = try Fixture.scratch("proposed")
        let rules = Fixture.packageRoot.appendingPathComponent("rules")
        try FileManager.default.removeItem(at: dir)
        try FileManager.default.copyItem(at: rules, to: dir)
        let psychiatry = dir.appendingPathComponent("dk/psychiatry.yaml")
        let text = try String(contentsOf: psychiatry, encoding: .utf8)
        #expect(text.contains("          at_least: 18\n"))
        try text.replacingOccurrences(of: "          at_least: 18\n", with: "          at_least: 16\n").write(to: psychiatry, atomically: true, encoding: .utf8)
        return dir.path
    }

    @Test("Per group, the counts equal a plain count over each patient checked by the reference engine (a derived fact, an enum fact with unknowns, age bands)")
    func equalsReferenceCount() throws {
        let rules = Fixture.packageRoot.appendingPathComponent("rules").path
        let proposed = try Self.proposedRules()
        let libraries = try RuleLibrary.load(libraries: [[rules], [proposed]])
        let cohort = Fixture.packageRoot.appendingPathComponent("\(Self.fixtures)/cohort-400.jsonl").path
        let facts = ["diagnosis.group", "employment.status", "age_band", "risk.acute"]
        var options = CohortDiff.Options()
        options.by = facts
        options.workers = 2
        options.chunkBytes = 8192
        let diff = try CohortDiff(base: libraries[0], proposed: libraries[1])
        let report = try diff.run(cohort, options: options)
        #expect(report.breakdowns.map(\.fact) == facts)

        let engines = libraries.map { Engine(library: $0) }
        let decoder = PatientDecoder(catalog: libraries[0].catalog.merging(libraries[1].catalog))
        let groupings = try facts.map { try FactGrouping($0, program: engines[0].program) }
        let width = report.services.count
        var expected = groupings.map { g in g.names.map { _ in (patients: 0, changed: 0, cells: Array(repeating: 0, count: width * 49)) } }
        for line in try String(contentsOfFile: cohort, encoding: .utf8).split(separator: "\n") {
            let patient = try decoder.decode(SourceText(name: "line", text: String(line)))
            let day = patient.asOf ?? Day.today
            let statuses = engines.map { engine in
                Dictionary(engine.verdicts(for: patient, asOf: day).map { (engine.program.items[$0.item].id, $0.status) }, uniquingKeysWith: { a, _ in a })
            }
            let cells = report.services.map { id in
                (statuses[0][id].flatMap { Status.allCases.firstIndex(of: $0) } ?? 6, statuses[1][id].flatMap { Status.allCases.firstIndex(of: $0) } ?? 6)
            }
            let changed = cells.contains { $0.0 != $0.1 }
            for (f, grouping) in groupings.enumerated() {
                let g = grouping.group(of: patient, asOf: day)
                expected[f][g].patients += 1
                if changed { expected[f][g].changed += 1 }
                for (s, cell) in cells.enumerated() { expected[f][g].cells[s * 49 + cell.0 * 7 + cell.1] += 1 }
            }
        }
        for (f, breakdown) in report.breakdowns.enumerated() {
            #expect(breakdown.groups.map(\.name) == groupings[f].names)
            #expect(breakdown.groups.last?.name == "unknown")
            for (g, group) in breakdown.groups.enumerated() {
                #expect(group.patients == expected[f][g].patients, "\(breakdown.fact) \(group.name)")
                #expect(group.patientsChanged == expected[f][g].changed, "\(breakdown.fact) \(group.name)")
                #expect(group.transitions.flatMap { matrix in CohortStatus.allCases.flatMap { from in CohortStatus.allCases.map { matrix[from, $0] } } } == expected[f][g].cells, "\(breakdown.fact) \(group.name)")
            }
            #expect(breakdown.groups.reduce(0) { $0 + $1.patients } == report.evaluated)
        }
        let diagnosis = report.breakdowns[0].groups
        #expect(diagnosis.last?.patients ?? 0 > 0, "some patients have no ICD-10 code: their group is unknown")
        #expect(report.patientsChanged > 0)
    }

    @Test("Text, JSON and HTML with --by match the golden files, whatever the number of threads")
    func goldenFiles() throws {
        for format in ["text", "json", "html"] {
            var first: String?
            for threads in ["1", "2", "3"] {
                let run = try Binary.run(Self.arguments + ["--by", "employment.status", "--by", "age_band", "--format", format, "--threads", threads])
                #expect(run.status == 0)
                if let first { #expect(run.out == first, "\(format), \(threads) threads") } else {
                    first = run.out
                    try GoldenTests.expectGolden(format == "html" ? Self.withoutPicture(run.out) : run.out, "diff-by.\(format)")
                }
            }
        }
    }

    /// The HTML report with its change picture taken out: Graphviz's SVG (or the line
    /// saying it is not installed) depends on the machine; `changePicture` checks it.
    static func withoutPicture(_ html: String) -> String {
        guard let start = html.range(of: "<h2>Who waits for whom: what the change does</h2>\n"),
              let end = html.range(of: "<h2>", range: start.upperBound..<html.endIndex) else { return html }
        return html.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "<!-- the change picture -->\n")
    }

    @Test("The HTML report pictures the rule change: Graphviz's drawing of the changed link, or how to get it")
    func changePicture() throws {
        let run = try Binary.run(Self.arguments + ["--format", "html"])
        #expect(run.status == 0)
        let html = run.out
        #expect(html.contains("<h2>Who waits for whom: what the change does</h2>"))
        if Graphviz.executable() != nil {
            #expect(html.contains("<figure class=\"change-graph\"><svg"))
            #expect(html.contains("<title>se.employment.job_support&#45;&gt;se.social_insurance.referral_to_employment</title>"))
            #expect(html.contains("stroke=\"#e65100\""))
        } else {
            #expect(html.contains("Graphviz's <code>dot</code> is not installed here, so the picture is not drawn"))
        }
        #expect(html.contains("Drawn by <code>eligcheck graph --base") || Graphviz.executable() == nil)
        // The same rules on both sides: no picture to draw, and the report says so.
        let same = try Binary.run(["diff", "--base", "\(Self.fixtures)/sick-leave", "--proposed", "\(Self.fixtures)/sick-leave",
                                   "--cohort", "\(Self.fixtures)/diff-cohort.jsonl", "--format", "html"])
        #expect(same.out.contains("<p>The change leaves who waits for whom as it was: no service, step or link between them is new, gone or changed.</p>"))
    }

    @Test("An unknown fact or one that cannot group patients is refused before the cohort is read")
    func refusals() throws {
        for (fact, message) in [
            ("employment.stat", "--by: error: unknown fact 'employment.stat'; did you mean 'employment.status'?\n"),
            ("income.annual", "--by: error: 'income.annual' is of type number; --by takes a yes/no or one-of fact (given or derived), or age_band\n"),
        ] {
            let run = try Binary.run(Self.arguments + ["--by", fact])
            #expect(run.status == 2)
            #expect(run.out.isEmpty)
            #expect(run.err == message)
        }
    }
}

@Suite("diff --by: the fast group reader")
struct GroupReaderTests {
    @Test("The fast reader gives each patient the group the reference evaluator gives, over many more codes than its table has rows, twice over")
    func sameAsReference() throws {
        let engine = try Fixture.bundledEngine()
        let program = engine.program
        let grouping = try FactGrouping("diagnosis.group", program: program)
        var reader = GroupReader(grouping)
        let slot = try #require(program.slot("diagnosis.icd10"))
        let day = Day(year: 2026, month: 11, day: 23)!
        let codes = ["F", "G", "Z", "X"].flatMap { letter in (0..<100).flatMap { n in (0..<10).map { String(format: "\(letter)%02d.%d", n, $0) } } }
        var slots = Array(repeating: SlotValue.unknown, count: program.inputCount)
        var groups: Set<Int> = []
        for _ in 0..<2 {
            for code in codes {
                let expected = grouping.group(of: Patient(id: "p", facts: ["diagnosis.icd10": .string(code)]), asOf: day)
                slots[slot] = program.slotValue(.string(code))
                let found = slots.withUnsafeBufferPointer { reader.group($0.baseAddress!, count: $0.count, asOf: day) }
                #expect(found == expected, "\(code)")
                groups.insert(found)
            }
        }
        #expect(groups.count > 5)
        slots[slot] = .unknown
        #expect(slots.withUnsafeBufferPointer { reader.group($0.baseAddress!, count: $0.count, asOf: day) } == grouping.names.count - 1)
    }
}

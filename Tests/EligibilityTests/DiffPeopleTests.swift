import Foundation
import Testing
@testable import Eligibility

/// People first: the diff's headline counts each patient once, however many services change
/// for them. The figures are worked out a second way here, patient by patient with the
/// reference evaluator under both rule sets, and must agree with the cohort engine's.
@Suite("diff headline: people first")
struct DiffPeopleTests {
    static let fixtures = Fixture.packageRoot.appendingPathComponent("Tests/EligibilityTests/Fixtures").path

    @Test("People gaining, losing, meeting and leaving a deadlock: the cohort engine against the reference, line by line")
    func peopleCounts() throws {
        let base = try Engine(rules: ["\(Self.fixtures)/sick-leave"]), proposed = try Engine(rules: ["\(Self.fixtures)/sick-leave-proposed"])
        let cohort = "\(Self.fixtures)/diff-cohort.jsonl"
        let report = try CohortDiff(base: base.library, proposed: proposed.library).run(cohort, options: CohortDiff.Options())
        var expected = DiffReport.People()
        let text = try String(contentsOfFile: cohort, encoding: .utf8)
        for line in text.split(separator: "\n") {
            guard let patient = try? base.decoder.decode(SourceText(name: "line", text: String(line))) else { continue }
            let before = try base.report(for: patient), after = try proposed.report(for: patient)
            let statusBefore = Dictionary(uniqueKeysWithValues: before.services.map { ($0.id, $0.status) })
            let statusAfter = Dictionary(uniqueKeysWithValues: after.services.map { ($0.id, $0.status) })
            func rank(_ s: Status?) -> Int { s == .eligible ? 2 : s == .reachable ? 1 : 0 }
            let ids = Set(statusBefore.keys).union(statusAfter.keys)
            if ids.contains(where: { rank(statusAfter[$0]) > rank(statusBefore[$0]) }) { expected.gained += 1 }
            if ids.contains(where: { rank(statusAfter[$0]) < rank(statusBefore[$0]) }) { expected.lost += 1 }
            let cyclesBefore = Set(before.deadlocks.map { Set($0.cycle) }), cyclesAfter = Set(after.deadlocks.map { Set($0.cycle) })
            if !cyclesAfter.subtracting(cyclesBefore).isEmpty { expected.deadlockAppears += 1 }
            if !cyclesBefore.subtracting(cyclesAfter).isEmpty { expected.deadlockVanishes += 1 }
        }
        #expect(report.people == expected)
        // The hand-made cohort: a and b gain, c and d lose (diff --explain shows each), the
        // deadlock of the sick-leave trap moves from c to d.
        #expect(report.people.gained == 2)
        #expect(report.people.lost == 2)
        #expect(report.people.deadlockAppears == 1)
        #expect(report.people.deadlockVanishes == 1)
    }

    @Test("The text and JSON headline say it in people, then per service")
    func rendered() throws {
        let arguments = ["diff", "--base", "\(Self.fixtures)/sick-leave", "--proposed", "\(Self.fixtures)/sick-leave-proposed",
                         "--cohort", "\(Self.fixtures)/diff-cohort.jsonl"]
        let text = try Binary.run(arguments)
        let lines = text.out.split(separator: "\n").map(String.init)
        #expect(lines.contains("  People who gain at least one service: 2 (28.6 %)"))
        #expect(lines.contains("  People who lose at least one service: 2 (28.6 %)"))
        #expect(lines.contains("  People caught in a new deadlock: 1; out of one: 1"))
        let json = try Binary.run(arguments + ["--format", "json"])
        let headline = try #require((try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])?["headline"] as? [String: Any])
        #expect(headline["people_gaining"] as? Int == 2)
        #expect(headline["people_losing"] as? Int == 2)
        #expect(headline["people_deadlock_appears"] as? Int == 1)
        #expect(headline["people_deadlock_vanishes"] as? Int == 1)
    }
}

import Foundation
import Testing
@testable import Eligibility

/// The differential test on made-up rule libraries as well as made-up patients (issue 26:
/// on the bundled rules alone it never saw `before`/`after` and met two distinct cycles).
/// Each library from `RuleSetGenerator` is loaded, its patients go through the reference
/// evaluator and both paths of the cohort engine (`DifferentialTests.compare`), and the
/// test asserts its own reach: nearly every patient decoded, every comparison kind seen
/// true, false and (except `known`) unknown, every status, and at least 100 distinct
/// deadlocks. Every status is also worked out a second way, by plain recursion
/// (`PlainStatuses`), which checks the status analysis both engines share.
/// `ELIGCHECK_DIFFERENTIAL_LIBRARIES` sets the number of libraries (150).
@Suite("Differential on generated rule libraries")
struct RandomRulesDifferentialTests {
    static var libraries: Int {
        ProcessInfo.processInfo.environment["ELIGCHECK_DIFFERENTIAL_LIBRARIES"].flatMap(Int.init) ?? 150
    }

    static func kind(_ test: CompiledLeaf.Test) -> String {
        switch test {
        case .equals: "equals"
        case .oneOf: "in"
        case .atLeast: "at_least"
        case .atMost: "at_most"
        case .between: "between"
        case .before: "before"
        case .after: "after"
        case .olderThan: "older_than"
        case .within: "within"
        case .icd10: "icd10"
        case .known: "known"
        }
    }

    @Test("Generated libraries and patients: both engines agree, and the test reaches every comparison, status and many deadlocks")
    func generatedLibraries() throws {
        var generator = RuleSetGenerator(seed: 26)
        var seen: [String: Set<String>] = [:]
        var statuses: Set<Status> = []
        var deadlocks: Set<String> = []
        var offered = 0, compared = 0, loaded = 0, agreed = 0, disagreements = 0
        for index in 0..<Self.libraries {
            let files = generator.library()
            let engine: Engine
            do {
                engine = try Engine(library: Fixture.library(files))
            } catch {
                Issue.record("library \(index) does not load: \(error)\n\(files["agency.yaml"] ?? "")")
                continue
            }
            loaded += 1
            let program = engine.program
            var patients: [(patient: Patient, asOf: Day)] = []
            for n in 0..<40 {
                offered += 1
                let text = generator.patient(n)
                guard let patient = try? engine.decoder.decode(SourceText(name: "p.json", text: text)) else { continue }
                patients.append((patient, RuleSetGenerator.asOf))
            }
            compared += DifferentialTests.compare(engine, patients, "library \(index)")
            for (patient, asOf) in patients {
                var reference = Evaluator(program: program)
                reference.load(patient, asOf: asOf)
                reference.run()
                for (i, leaf) in program.leaves.enumerated() {
                    let value = reference.initial[leaf.slot]
                    let outcome = !value.isKnown && !{ if case .known = leaf.test { true } else { false } }()
                        ? "unknown" : (reference.holds(leaf: i, value) ? "true" : "false")
                    seen[Self.kind(leaf.test), default: []].insert(outcome)
                }
                let plain = PlainStatuses(evaluation: reference)
                for verdict in reference.verdicts() {
                    let id = program.items[verdict.item].id
                    let expected = plain.status(of: verdict.item)
                    if verdict.status == expected { agreed += 1 } else {
                        disagreements += 1
                        if disagreements <= 5 {
                            Issue.record("library \(index): \(id) is \(verdict.status.rawValue), plain recursion says \(expected.rawValue)\n\(files["agency.yaml"] ?? "")")
                        }
                    }
                    if verdict.status == .deadlocked {
                        #expect(plain.isCircle(verdict.cycle), "library \(index): \(id)'s cycle \(verdict.cycle) is not a circle of waiting")
                    }
                    if verdict.status == .blocked, let root = verdict.rootCause {
                        #expect(plain.own(root) == .out, "library \(index): \(id)'s root cause \(program.items[root].id) is not out for good; \(verdict)")
                    }
                    if verdict.status == .needs_info {
                        #expect(!verdict.missing.isEmpty && verdict.missing.allSatisfy { !reference.initial[$0].isKnown },
                                "library \(index): \(id) needs information but names no unknown fact; \(verdict); needs \(plain.needs(verdict.item))")
                    }
                    statuses.insert(verdict.status)
                    if verdict.status == .deadlocked {
                        deadlocks.insert("\(index):" + verdict.cycle.map { program.items[$0].id }.joined(separator: ","))
                    }
                }
            }
        }
        print("differential reach: \(loaded) libraries, \(compared) of \(offered) patients compared, \(deadlocks.count) distinct deadlocks, statuses \(statuses.map(\.rawValue).sorted()); plain recursion agrees on \(agreed) statuses, differs on \(disagreements)")
        #expect(disagreements == 0)
        #expect(loaded == Self.libraries)
        #expect(compared * 10 >= offered * 9, "only \(compared) of \(offered) patients decoded")
        for kind in ["equals", "in", "at_least", "at_most", "between", "before", "after", "older_than", "within", "icd10"] {
            #expect(seen[kind] == ["true", "false", "unknown"], "\(kind): \(seen[kind] ?? [])")
        }
        #expect(seen["known"] == ["true", "false"])
        #expect(statuses == Set(Status.allCases), "statuses seen: \(statuses)")
        #expect(deadlocks.count >= 100, "\(deadlocks.count) distinct deadlocks")
    }
}

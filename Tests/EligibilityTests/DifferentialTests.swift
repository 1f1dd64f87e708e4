import Foundation
import Testing
@testable import Eligibility

/// The reference evaluator (`Evaluation/`) and the accelerated cohort engine
/// (`Accelerated/`) held equal: every fixture patient, every rule-test patient and
/// generated cohorts go through both, and statuses, missing facts and deadlock cycles
/// must be identical. `swift test` generates 4,000 patients; `.ci/run` sets
/// `ELIGCHECK_DIFFERENTIAL_PATIENTS=100000`.
@Suite("Differential: the reference evaluator and the cohort engine agree")
struct DifferentialTests {
    static let rules = Fixture.packageRoot.appendingPathComponent("rules").path
    static let day = RuleTestRunner.defaultDate
    static var generated: Int {
        ProcessInfo.processInfo.environment["ELIGCHECK_DIFFERENTIAL_PATIENTS"].flatMap(Int.init) ?? 4_000
    }

    /// Compares both engines on decoded patients: the full verdict of each service
    /// (status, what it waits for, missing facts, cycle) from the reference and from the
    /// cohort engine's full evaluation, and the status and cycles from its outcome caches.
    /// - Returns: how many patients were compared.
    @discardableResult
    static func compare(_ engine: Engine, _ patients: [(patient: Patient, asOf: Day)], _ where: String) -> Int {
        let program = engine.program
        let rules = CohortProgram(program)
        var full = FullEvaluation(rules: rules)
        var cached = CohortEvaluator(rules: rules)
        let everything = Array(repeating: true, count: program.items.count)
        for (patient, asOf) in patients {
            var reference = Evaluator(program: program)
            reference.load(patient, asOf: asOf)
            reference.run()
            let expected = reference.verdicts()
            var slots = Array(repeating: SlotValue.unknown, count: program.inputCount)
            for (name, value) in patient.facts { if let slot = program.slot(name), slot < slots.count { slots[slot] = program.slotValue(value) } }
            slots.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                full.load(inputs: base, count: buffer.count, asOf: asOf)
                full.prepare()
                full.finish(only: everything)
                let fast = full.verdicts()
                #expect(fast == expected, "\(`where`): patient \(patient.id ?? "?") on \(asOf): full evaluation differs")
                cached.evaluate(base, count: buffer.count, asOf: asOf)
            }
            var statuses = Array(repeating: CohortStatus.notEvaluated, count: program.serviceCount)
            var cycles: [[String]?] = Array(repeating: nil, count: program.serviceCount)
            for verdict in expected {
                statuses[verdict.item] = CohortStatus(verdict.status)
                if verdict.status == .deadlocked { cycles[verdict.item] = verdict.cycle.map { program.items[$0].id } }
            }
            let fastStatuses = (0..<program.serviceCount).map { cached.status($0) }
            let fastCycles = (0..<program.serviceCount).map { s -> [String]? in
                let number = cached.cycle(of: s, 0)
                #expect(cached.cycle(of: s, 1) < 0)
                return number < 0 ? nil : cached.cycles[Int(number)]
            }
            #expect(fastStatuses == statuses, "\(`where`): patient \(patient.id ?? "?") on \(asOf): cached statuses differ")
            #expect(fastCycles == cycles, "\(`where`): patient \(patient.id ?? "?") on \(asOf): cycles differ")
        }
        return patients.count
    }

    @Test("Every example, fixture and rule-test patient gets the same verdicts from both engines")
    func fixtures() throws {
        let engine = try Engine(rules: [Self.rules])
        let examples = try Fixture.examplePatients(engine)
        #expect(examples.count >= 10)
        var patients: [(Patient, Day)] = examples.map { ($0.patient, $0.patient.asOf ?? Self.day) }
        let cohort = try String(contentsOfFile: CohortTests.fixtures.appendingPathComponent("cohort-400.jsonl").path, encoding: .utf8)
        for line in cohort.split(separator: "\n") {
            let patient = try engine.decoder.decode(SourceText(name: "line.json", text: String(line)))
            patients.append((patient, patient.asOf ?? Self.day))
        }
        #expect(Self.compare(engine, patients + Self.ruleTestPatients(engine), "bundled rules") > 500)
        for folder in ["sick-leave", "graph"] {
            let fixture = try Engine(rules: [CohortTests.fixtures.appendingPathComponent(folder).path])
            var own = Self.ruleTestPatients(fixture)
            var generator = PatientGenerator(program: fixture.program, seed: 7)
            for index in 1...300 {
                guard let patient = try? fixture.decoder.decode(SourceText(name: "line.json", text: generator.line(index)), checkingDates: false) else { continue }
                own.append((patient, patient.asOf ?? Self.day))
            }
            if folder == "sick-leave" {
                let patient = try Fixture.patient(fixture, String(contentsOf: CohortTests.fixtures.appendingPathComponent("sick-leave-patient.yaml"), encoding: .utf8))
                own.append((patient, patient.asOf ?? Self.day))
            }
            #expect(Self.compare(fixture, own, folder) > 100)
        }
    }

    /// The patients of the tests written inside the rule sets, on their tests' dates.
    static func ruleTestPatients(_ engine: Engine) -> [(Patient, Day)] {
        engine.library.ruleSets.flatMap(\.tests).compactMap { test in
            let sink = DiagnosticSink(source: SourceText(name: test.origin.file, bytes: []))
            guard let patient = engine.decoder.decode(test.patient, sink: sink) else { return nil }
            return (patient, test.asOf ?? patient.asOf ?? Self.day)
        }
    }

    @Test("Generated cohorts: check --cohort gives each line the reference's statuses, rejects what the exact reader rejects, and both engines give the same verdicts")
    func generatedCohorts() throws {
        let engine = try Engine(rules: [Self.rules])
        var generator = PatientGenerator(program: engine.program, seed: 13)
        let lines = (1...Self.generated).map { generator.line($0) }
        let path = try CohortTests.temporary("generated.jsonl", lines.joined(separator: "\n") + "\n")
        var output: [UInt8] = []
        var rejected: [Int] = []
        let summary = try CohortCheck(library: engine.library).run(path, defaultDate: Self.day, workers: 2, chunkBytes: 64 << 10,
                                                                   write: { output += $0 }, badLine: { rejected.append($0.line) })
        var expectedRejected: [Int] = []
        var patients: [(Patient, Day)] = []
        let rows = String(decoding: output, as: UTF8.self).split(separator: "\n")
        var next = 0
        for (index, line) in lines.enumerated() {
            // A cohort line is held to a patient file's rules, its past-dates check included.
            let patient = try? engine.decoder.decode(SourceText(name: "line.json", text: line), today: Self.day)
            guard let patient, engine.missingJurisdiction(patient) == nil else {
                expectedRejected.append(index + 1)
                continue
            }
            let asOf = patient.asOf ?? Self.day
            patients.append((patient, asOf))
            guard next < rows.count else { Issue.record("no output for line \(index + 1)"); break }
            let row = rows[next]
            next += 1
            let json = try #require(try JSONSerialization.jsonObject(with: Data(row.utf8)) as? [String: Any])
            #expect(json["id"] as? String == patient.id)
            #expect(json["line"] as? Int == index + 1)
            let statuses = engine.verdicts(for: patient, asOf: asOf).map { (engine.program.items[$0.item].id, $0.status.rawValue) }
            #expect((json["statuses"] as? [String: String]) == Dictionary(uniqueKeysWithValues: statuses), "line \(index + 1)")
        }
        #expect(next == rows.count)
        #expect(rejected == expectedRejected)
        #expect(summary.linesRead == lines.count && summary.evaluated == patients.count)
        // Every country, and rejected lines, occur.
        #expect(Set(patients.compactMap { $0.0.facts["jurisdiction"] }).count == 3)
        #expect(rejected.count > lines.count / 100)
        Self.compare(engine, patients, "generated")
    }
}

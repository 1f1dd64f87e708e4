import Foundation
import Testing
@testable import Eligibility

/// A way out that allows one costly action continues the patient's fixed point
/// (`Evaluator.extend(allowing:)`) instead of running it again from scratch: the two grant
/// the same items and add the same values, for every costly action, on every example patient
/// and on generated ones.
@Suite("Trial runs of ways out")
struct TrialRunTests {
    let engine: Engine
    init() throws {
        engine = try Fixture.bundledEngine()
    }

    func expectSame(_ patient: Patient, _ name: String) -> Int {
        let program = engine.program
        let asOf = patient.asOf ?? Fixture.day
        var base = Evaluator(program: program)
        base.load(patient, asOf: asOf)
        base.run(trackAchievers: true)
        var compared = 0
        for (a, item) in program.items.enumerated() where !item.isService && item.isCostly && base.active[a] {
            var extended = base
            extended.extend(allowing: a)
            var scratch = Evaluator(program: program)
            scratch.load(patient, asOf: asOf)
            scratch.run(allowing: a)
            #expect(extended.granted == scratch.granted, "\(name), allowing \(item.id)")
            #expect(extended.added == scratch.added, "\(name), allowing \(item.id)")
            #expect(Set(extended.grantOrder) == Set(scratch.grantOrder), "\(name), allowing \(item.id)")
            compared += 1
        }
        return compared
    }

    @Test("extending the fixed point by one costly action equals running it again, on every example")
    func examples() throws {
        var compared = 0, grantsMore = 0
        for (file, patient) in try Fixture.examplePatients(engine) {
            compared += expectSame(patient, file)
            // Some of these trials must grant more than the patient's own run, or the test
            // would hold on a trial that does nothing.
            var base = Evaluator(program: engine.program)
            base.load(patient, asOf: patient.asOf ?? Fixture.day)
            base.run()
            for (a, item) in engine.program.items.enumerated() where !item.isService && item.isCostly && base.active[a] {
                var trial = base
                trial.extend(allowing: a)
                if trial.granted != base.granted { grantsMore += 1 }
            }
        }
        #expect(compared > 20)
        #expect(grantsMore > 5)
    }

    @Test("the same on 300 generated patients")
    func generated() throws {
        var generator = PatientGenerator(program: engine.program, seed: 29)
        var compared = 0
        for index in 1...300 {
            let line = generator.line(index)
            guard let patient = try? engine.decoder.decode(SourceText(name: "line.json", text: line), today: Fixture.day),
                  engine.missingJurisdiction(patient) == nil else { continue }
            compared += expectSame(patient, "generated line \(index)")
        }
        #expect(compared > 50)
    }
}

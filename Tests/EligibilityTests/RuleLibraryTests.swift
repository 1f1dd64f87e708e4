import Testing
@testable import Eligibility

@Suite("The bundled rule library")
struct RuleLibraryTests {
    let engine: Engine

    init() throws {
        engine = try Fixture.bundledEngine()
    }

    static let contractServices = [
        "dk.gp.talk_therapy", "dk.psychologist.referral", "dk.psychiatry.visitation", "dk.psychiatry.outpatient",
        "dk.care_manager.course", "dk.social.par82", "dk.social.par85", "dk.social.accompaniment",
        "dk.info_sharing.health_social", "se.social_insurance.sickness_benefit",
        "se.social_insurance.referral_to_employment", "se.employment.job_support", "se.municipality.financial_aid",
        "se.sip.coordinated_plan", "no.dps.outpatient",
    ]

    @Test("Every service of the contract exists, in its country")
    func contract() {
        for id in Self.contractServices {
            let service = engine.library.service(id)
            #expect(service != nil, "\(id)")
            #expect(service?.jurisdiction == String(id.prefix(2)).uppercased(), "\(id)")
        }
    }

    @Test("Every criterion of every bundled service says why and cites a source")
    func criteriaCite() {
        for service in engine.library.services {
            guard let criteria = service.criteria else { continue }
            let parts: [Condition]
            switch criteria {
            case .all(let list, _), .any(let list, _): parts = list
            default: parts = []  // a single comparison: the service's own because/source is its reason
            }
            for part in parts {
                let note = part.note
                #expect(note.because?.isEmpty == false && !note.sources.isEmpty,
                        "\(note.origin.reference): a criterion of \(service.id) lacks because: or source:")
            }
        }
    }

    @Test("Every rule test written in the rule sets passes")
    func ruleTests() {
        let results = RuleTestRunner(engine: engine).run()
        #expect(results.count >= 40)
        for result in results where !result.passed {
            let details = result.failures.joined(separator: "\n  ")
            Issue.record(Comment(rawValue: "\(result.origin.reference): \(result.name)\n  \(details)"))
        }
    }

    @Test("Every service has a positive and a negative rule test")
    func coverage() {
        let tests = engine.library.ruleSets.flatMap(\.tests)
        for service in engine.library.services {
            let statuses = tests.flatMap { $0.expect.filter { $0.service == service.id }.map(\.status) }
            #expect(statuses.contains { $0 == .eligible || $0 == .reachable }, "\(service.id) has no positive test")
            #expect(statuses.contains { $0 != .eligible && $0 != .reachable }, "\(service.id) has no negative test")
        }
    }

    /// The two unsupported Danish cycles (the longer-term support and consent through the
    /// case worker; accompaniment, care plan and the GP's statement) were removed for want
    /// of evidence (issue 9); the Swedish ones rest on seed-004 passages (the last: a patient
    /// too ill to apply, with no one to apply on their behalf).
    @Test("The deadlocks that come out of the rules' own prerequisites and effects are the evidenced ones")
    func deadlocks() throws {
        var cycles: Set<Set<String>> = []
        for test in engine.library.ruleSets.flatMap(\.tests) {
            let sink = DiagnosticSink(source: SourceText(name: "t", bytes: []))
            guard let patient = engine.decoder.decode(test.patient, sink: sink) else { continue }
            let report = try engine.report(for: patient, asOf: test.asOf ?? patient.asOf ?? RuleTestRunner.defaultDate)
            for d in report.deadlocks { cycles.insert(Set(d.cycle)) }
        }
        // The two financial-aid cycles rested on an unverified "aid brings a case manager";
        // they are gone with it (issue 24).
        #expect(cycles == [
            ["se.employment.job_support", "se.social_insurance.referral_to_employment"],
        ], "\(cycles)")
    }
}

import Testing
@testable import Eligibility

@Suite("Evaluator semantics")
struct EvaluatorTests {
    static let kleene = """
    services:
      dk.all:
        title: All
        because: b
        source: law
        criteria: {all: [{fact: flag.a, equals: true}, {fact: flag.b, equals: true}]}
      dk.any:
        title: Any
        because: b
        source: law
        criteria: {any: [{fact: flag.a, equals: true}, {fact: flag.b, equals: true}]}
      dk.not:
        title: Not
        because: b
        source: law
        criteria: {not: {fact: flag.a, equals: true}}
      dk.nested:
        title: Nested
        because: b
        source: law
        criteria:
          all:
            - any: [{fact: flag.a, equals: true}, {fact: flag.b, equals: true}]
            - {fact: flag.c, equals: true}
      dk.dates:
        title: Dates
        because: b
        source: law
        criteria:
          all:
            - {fact: since, older_than: {days: 180}}
            - {fact: code, icd10: [F32-F33, F41]}
            - {fact: age, between: [18, 24]}
    """

    @Test("Unknown is not false: all, any and not in three-valued logic")
    func kleeneLogic() throws {
        let engine = try Fixture.engine(Self.kleene)
        let aTrue = try Fixture.statuses(engine, "jurisdiction: DK\nflag: {a: true}\n")
        #expect(aTrue["dk.all"] == .needs_info)
        #expect(aTrue["dk.any"] == .eligible)
        #expect(aTrue["dk.not"] == .ineligible)
        let aFalse = try Fixture.statuses(engine, "jurisdiction: DK\nflag: {a: false}\n")
        #expect(aFalse["dk.all"] == .ineligible)
        #expect(aFalse["dk.any"] == .needs_info)
        #expect(aFalse["dk.not"] == .eligible)
        let none = try Fixture.statuses(engine, "jurisdiction: DK\n")
        #expect(none["dk.not"] == .needs_info)
        let nulls = try Fixture.statuses(engine, "jurisdiction: DK\nflag: {a: null, b: false}\n")
        #expect(nulls["dk.all"] == .ineligible)
        #expect(nulls["dk.any"] == .needs_info)
    }

    @Test("needs_info lists only the unknown facts that decide the outcome")
    func decidingFacts() throws {
        let engine = try Fixture.engine(Self.kleene)
        let nested = try Fixture.outcome(engine, "jurisdiction: DK\nflag: {a: true}\n", "dk.nested")
        #expect(nested?.status == .needs_info)
        #expect(nested?.missingFacts == ["flag.c"])
        let any = try Fixture.outcome(engine, "jurisdiction: DK\nflag: {a: false}\n", "dk.any")
        #expect(any?.missingFacts == ["flag.b"])
        let all = try Fixture.outcome(engine, "jurisdiction: DK\n", "dk.all")
        #expect(all?.missingFacts == ["flag.a", "flag.b"])
    }

    @Test("Dates relative to the evaluation date, ICD-10 ranges and between")
    func comparisons() throws {
        let engine = try Fixture.engine(Self.kleene)
        let base = "jurisdiction: DK\nage: 20\ncode: F32.1\n"
        #expect(try Fixture.statuses(engine, base + "since: 2026-05-27\n")["dk.dates"] == .eligible)
        #expect(try Fixture.statuses(engine, base + "since: 2026-05-28\n")["dk.dates"] == .ineligible)
        #expect(try Fixture.statuses(engine, "jurisdiction: DK\nage: 20\ncode: F41.1\nsince: 2020-01-01\n")["dk.dates"] == .eligible)
        #expect(try Fixture.statuses(engine, "jurisdiction: DK\nage: 20\ncode: F20.0\nsince: 2020-01-01\n")["dk.dates"] == .ineligible)
        #expect(try Fixture.statuses(engine, "jurisdiction: DK\nage: 25\ncode: F33\nsince: 2020-01-01\n")["dk.dates"] == .ineligible)
        #expect(try Fixture.statuses(engine, base)["dk.dates"] == .needs_info)
    }

    static let chain = """
    actions:
      dk.gp.book:
        who: GP
        does: Book the shared consultation
        source: seed
        effects: [{fact: flag.a, becomes: true}]
      dk.patient.consent:
        who: patient
        does: Sign written consent
        source: [seed, law]
        when: {fact: flag.a, equals: true}
        effects: [{fact: flag.b, becomes: true}]
    services:
      dk.first:
        title: First
        agency: Agency one
        because: b
        source: law
        criteria: {fact: flag.b, equals: true}
        effects: [{fact: flag.c, becomes: true}]
      dk.second:
        title: Second
        agency: Agency two
        because: b
        source: law
        criteria: {fact: flag.c, equals: true}
        requires: [{service: dk.first, because: first things first, source: law}]
    """

    @Test("The fixed point chains actions and services; the grant order is the plan")
    func chainAndPlan() throws {
        let engine = try Fixture.engine(Self.chain)
        let patient = "jurisdiction: DK\nflag: {a: false, b: false, c: false}\n"
        let second = try #require(try Fixture.outcome(engine, patient, "dk.second"))
        #expect(second.status == .reachable)
        #expect(second.plan.map(\.id) == ["dk.gp.book", "dk.patient.consent", "dk.first", "dk.second"])
        #expect(second.plan.map(\.who) == ["GP", "patient", "Agency one", "Agency two"])
        #expect(second.plan[1].enables == ["dk.first"])
        let ready = try Fixture.statuses(engine, "jurisdiction: DK\nflag: {a: true, b: true, c: false}\n")
        #expect(ready["dk.first"] == .eligible)
        #expect(ready["dk.second"] == .reachable)
    }

    static let cycles = """
    sources:
      agency-law: {kind: law, cite: "Agency law"}
    actions:
      dk.patient.give_up:
        who: patient
        does: Give up the job
        source: seed
        effects: [{fact: flag.a, becomes: true}]
        costs: Loses the income
    services:
      dk.one:
        title: One
        agency: Agency one
        because: b
        source: law
        requires:
          - {service: dk.two, when: {fact: level, equals: high}, because: one waits for two, source: agency-law}
        effects: [{fact: flag.a, becomes: true}]
      dk.two:
        title: Two
        agency: Agency two
        because: b
        source: law
        criteria: {fact: flag.a, equals: true, because: two needs what one brings}
      dk.three_a:
        title: Three A
        agency: Agency A
        because: b
        source: law
        requires: [{service: dk.three_b, because: a waits for b, source: law}]
      dk.three_b:
        title: Three B
        agency: Agency B
        because: b
        source: law
        requires: [{service: dk.three_c, because: b waits for c, source: law}]
        effects: [{fact: flag.c, becomes: true}]
      dk.three_c:
        title: Three C
        agency: Agency C
        because: b
        source: law
        criteria: {fact: flag.b, equals: true}
      dk.three_d:
        title: Three D
        agency: Agency A
        because: b
        source: law
        requires: [{service: dk.three_a, because: d waits for a, source: law}]
        effects: [{fact: flag.b, becomes: true}]
      dk.blocked:
        title: Blocked
        because: b
        source: law
        requires: [{service: dk.never, because: needs never, source: law}]
      dk.never:
        title: Never
        because: b
        source: law
        criteria: {fact: age, at_least: 120}
      dk.behind_cycle:
        title: Behind a cycle
        because: b
        source: law
        requires: [{service: dk.one, because: needs one, source: law}]
    """

    @Test("A two-agency cycle is a deadlock with its cycle, rules and ways out")
    func twoAgencyDeadlock() throws {
        let engine = try Fixture.engine(Self.cycles)
        let report = try engine.report(for: try Fixture.patient(engine, "jurisdiction: DK\nlevel: high\nflag: {a: false}\nage: 40\n"), asOf: Fixture.day)
        let one = try #require(report.services.first { $0.id == "dk.one" })
        #expect(one.status == .deadlocked)
        #expect(one.cycle == ["dk.one", "dk.two"])
        #expect(one.reasons.map(\.rule) == ["agency.yaml:22", "agency.yaml:29"])
        #expect(one.waysOut.map(\.id) == ["dk.patient.give_up", "level", "level"])
        #expect(one.waysOut.first?.cost == "Loses the income")
        let deadlock = try #require(report.deadlocks.first { Set($0.cycle) == ["dk.one", "dk.two"] })
        #expect(deadlock.agencies == ["Agency one", "Agency two"])
        // The same patient without the condition that makes one wait for two: no deadlock.
        let low = try Fixture.statuses(engine, "jurisdiction: DK\nlevel: low\nflag: {a: false}\nage: 40\n")
        #expect(low["dk.one"] == .eligible)
        #expect(low["dk.two"] == .reachable)
    }

    @Test("A three-agency cycle through prerequisites and an effect")
    func threeAgencyDeadlock() throws {
        let engine = try Fixture.engine(Self.cycles)
        let report = try engine.report(for: try Fixture.patient(engine, "jurisdiction: DK\nlevel: low\nflag: {b: false}\nage: 40\n"), asOf: Fixture.day)
        let byId = Dictionary(uniqueKeysWithValues: report.services.map { ($0.id, $0) })
        #expect(byId["dk.three_a"]?.status == .deadlocked)
        #expect(Set(byId["dk.three_b"]?.cycle ?? []) == ["dk.three_b", "dk.three_c", "dk.three_d", "dk.three_a"])
        #expect(byId["dk.three_c"]?.status == .deadlocked)
        let cycle = try #require(report.deadlocks.first)
        #expect(Set(cycle.agencies) == ["Agency A", "Agency B", "Agency C"])
    }

    @Test("Blocked names the root cause; waiting on a deadlock is itself deadlocked")
    func blockedVersusDeadlocked() throws {
        let engine = try Fixture.engine(Self.cycles)
        let report = try engine.report(for: try Fixture.patient(engine, "jurisdiction: DK\nlevel: high\nflag: {a: false}\nage: 40\n"), asOf: Fixture.day)
        let blocked = try #require(report.services.first { $0.id == "dk.blocked" })
        #expect(blocked.status == .blocked)
        #expect(blocked.blockedBy == ["dk.never"])
        #expect(blocked.rootCause == "dk.never")
        #expect(blocked.reasons.last?.condition == "age is at least 120")
        #expect(blocked.reasons.last?.seen == "age = 40")
        let behind = try #require(report.services.first { $0.id == "dk.behind_cycle" })
        #expect(behind.status == .deadlocked)
        #expect(behind.blockedBy == ["dk.one"])
        #expect(Set(behind.cycle) == ["dk.one", "dk.two"])
    }

    @Test("A root cause is an item out for good, even when the services behind it wait for each other too")
    func rootCauseBehindACircle() throws {
        // dk.first waits for dk.second; dk.second waits for dk.first and for dk.never, whose
        // own criterion fails. Both are blocked, and the root cause of each is dk.never: the
        // walk to the root once went from dk.second back to dk.first (its first prerequisite)
        // and named dk.first as its own root cause.
        let engine = try Fixture.engine("""
        services:
          dk.first:
            title: First
            because: b
            source: law
            requires: [{service: dk.second, because: first waits for second, source: law}]
          dk.second:
            title: Second
            because: b
            source: law
            requires:
              - {service: dk.first, because: second waits for first, source: law}
              - {service: dk.never, because: second waits for never, source: law}
          dk.never:
            title: Never
            because: b
            source: law
            criteria: {fact: age, at_least: 120, because: only the very old}
        """)
        let report = try engine.report(for: try Fixture.patient(engine, "jurisdiction: DK\nage: 40\n"), asOf: Fixture.day)
        let byId = Dictionary(uniqueKeysWithValues: report.services.map { ($0.id, $0) })
        #expect(byId["dk.never"]?.status == .ineligible)
        #expect(byId["dk.second"]?.status == .blocked)
        #expect(byId["dk.second"]?.blockedBy == ["dk.never"])
        #expect(byId["dk.second"]?.rootCause == "dk.never")
        #expect(byId["dk.first"]?.status == .blocked)
        #expect(byId["dk.first"]?.blockedBy == ["dk.second"])
        #expect(byId["dk.first"]?.rootCause == "dk.never")
    }

    @Test("Costly actions are never used to reach a service")
    func costlyNotUsed() throws {
        let engine = try Fixture.engine(Self.cycles)
        let two = try Fixture.outcome(engine, "jurisdiction: DK\nlevel: high\nflag: {a: false}\nage: 40\n", "dk.two")
        #expect(two?.status == .deadlocked)
        #expect(two?.plan.isEmpty == true)
    }

    @Test("Services of another jurisdiction are not evaluated")
    func jurisdiction() throws {
        let engine = try Fixture.engine(Self.chain)
        #expect(try Fixture.statuses(engine, "jurisdiction: SE\nflag: {a: true}\n").isEmpty)
    }
}

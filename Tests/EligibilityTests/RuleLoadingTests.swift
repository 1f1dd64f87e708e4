import Testing
@testable import Eligibility

@Suite("Rule files: loading and validation")
struct RuleLoadingTests {
    let header = """
    ruleset: test.agency
    agency: Test agency
    jurisdiction: DK
    version: "1"
    valid_from: 2020-01-01

    """

    func problems(_ body: String) -> [String] {
        Fixture.problems { _ = try Fixture.library(["common.yaml": Fixture.common, "agency.yaml": header + body]) }
    }

    @Test("A good rule file loads with its services, actions and sources")
    func goodFile() throws {
        let engine = try Fixture.engine("""
        services:
          dk.x:
            title: X
            because: it helps
            source: law
            criteria: {fact: age, at_least: 18, because: adults only}
        actions:
          dk.do:
            who: patient
            does: Do it
            source: seed
            effects: [{fact: flag.a, becomes: true}]
        """)
        #expect(engine.library.services.map(\.id) == ["dk.x"])
        #expect(engine.library.actions.map(\.id) == ["dk.do"])
        #expect(engine.library.sources["law"]?.cite == "A law")
        #expect(engine.library.ruleSets.first { $0.id == "test.agency" }?.jurisdiction == "DK")
    }

    @Test("Syntax errors point at the line")
    func syntax() {
        let found = problems("services:\n  dk.x: {title: X\n")
        #expect(found == ["agency.yaml:8:1: error: YAML syntax: did not find expected ',' or '}' (while parsing a flow mapping at line 7, column 9)\n\n^"])
    }

    @Test("Duplicate keys")
    func duplicate() {
        #expect(problems("services:\n  dk.x: {title: X, because: b, source: law}\n  dk.x: {title: Y, because: b, source: law}\n") == [
            "agency.yaml:8:3: error: duplicate key 'dk.x' (first at line 7)\n  dk.x: {title: Y, because: b, source: law}\n  ^",
        ])
    }

    @Test("Wrong type of a literal names the fact and what was found")
    func wrongType() {
        #expect(problems("services:\n  dk.x:\n    title: X\n    because: b\n    source: law\n    criteria: {fact: age, at_least: many}\n") == [
            "agency.yaml:11:37: error: 'age' is a number; found the text \"many\"\n    criteria: {fact: age, at_least: many}\n                                    ^",
        ])
    }

    @Test("Unknown key with a suggestion")
    func unknownKey() {
        #expect(problems("services:\n  dk.x:\n    title: X\n    because: b\n    source: law\n    critera: {fact: age, at_least: 18}\n") == [
            "agency.yaml:11:5: error: unknown field 'critera' in service 'dk.x'; did you mean 'criteria'?\n    critera: {fact: age, at_least: 18}\n    ^",
        ])
    }

    @Test("Missing required field")
    func missingField() {
        #expect(problems("services:\n  dk.x:\n    because: b\n    source: law\n") == [
            "agency.yaml:8:5: error: service 'dk.x' is missing required field 'title'\n    because: b\n    ^",
        ])
    }

    @Test("Bad enum value with a suggestion")
    func badEnum() {
        #expect(problems("services:\n  dk.x:\n    title: X\n    because: b\n    source: law\n    criteria: {fact: level, equals: medum}\n") == [
            "agency.yaml:11:37: error: 'medum' is not a value of 'level' (low, medium, high); did you mean 'medium'?\n    criteria: {fact: level, equals: medum}\n                                    ^",
        ])
    }

    @Test("Bad date")
    func badDate() {
        let broken = header.replacingOccurrences(of: "valid_from: 2020-01-01", with: "valid_from: 2020-02-30")
        let found = Fixture.problems { _ = try Fixture.library(["common.yaml": Fixture.common, "agency.yaml": broken]) }
        #expect(found == ["agency.yaml:5:13: error: 'valid_from' must be a date YYYY-MM-DD, found '2020-02-30'\nvalid_from: 2020-02-30\n            ^"])
    }

    @Test("All problems of a file are reported, not just the first")
    func allProblems() {
        let found = problems("services:\n  dk.x:\n    titel: X\n    because: b\n    source: nowhere\n    criteria: {fact: agee, at_least: 18}\n")
        #expect(found.map { $0.split(separator: "\n")[0] } == [
            "agency.yaml:8:5: error: unknown field 'titel' in service 'dk.x'; did you mean 'title'?",
            "agency.yaml:8:5: error: service 'dk.x' is missing required field 'title'",
        ])
    }

    @Test("Cross-file problems: unknown fact, service and source, each with a suggestion")
    func crossFile() {
        let found = problems("""
        services:
          dk.x:
            title: X
            because: b
            source: laww
            criteria: {fact: agee, at_least: 18}
            requires: [{service: dk.yy, because: b, source: law}]
          dk.y: {title: Y, because: b, source: law}
        """)
        #expect(found.map { $0.split(separator: "\n")[0] } == [
            "agency.yaml:10:13: error: unknown source 'laww'; did you mean 'law'?",
            "agency.yaml:11:22: error: unknown fact 'agee'; did you mean 'age'?",
            "agency.yaml:12:26: error: unknown service 'dk.yy'; did you mean 'dk.y'?",
        ])
    }

    @Test("Every rule cites: because and source are required")
    func citations() {
        let found = problems("services:\n  dk.x: {title: X}\n")
        #expect(found.map { $0.split(separator: "\n")[0] } == [
            "agency.yaml:7:3: error: service 'dk.x' needs 'because:' in plain words",
            "agency.yaml:7:3: error: service 'dk.x' needs 'source:' citing a law, guideline, agency page or seed study",
        ])
    }

    @Test("A rule resting only on an unconfirmed source must cite the seed study too")
    func unconfirmed() {
        let found = problems("""
        sources:
          guess: {kind: law, cite: "Maybe a law", verified: false, note: "paragraph not found"}
        services:
          dk.x: {title: X, because: b, source: guess}
          dk.y: {title: Y, because: b, source: [guess, seed]}
        """)
        #expect(found.map { $0.split(separator: "\n")[0] } == [
            "agency.yaml:9:3: error: service 'dk.x' cites only unconfirmed sources (guess); cite the seed study whose value it uses too",
        ])
    }

    @Test("A cycle among derived facts is named with its path")
    func derivedCycle() {
        let found = problems("""
        derived:
          d.one:
            type: enum
            values: [x, y]
            source: law
            cases: [{when: {fact: d.two, equals: x}, value: x}]
            otherwise: y
          d.two:
            type: enum
            values: [x, y]
            source: law
            cases: [{when: {fact: d.one, equals: x}, value: x}]
            otherwise: y
        services:
          dk.x: {title: X, because: b, source: law, criteria: {fact: d.one, equals: x}}
        """)
        #expect(found.map { $0.split(separator: "\n")[0] } == [
            "agency.yaml:7:3: error: derived facts form a cycle: d.one -> d.two -> d.one",
        ])
    }

    @Test("A derived fact by cases without 'otherwise' is an error at its name")
    func derivedWithoutOtherwise() {
        // Without it, known facts that no case matches leave the derived fact without a
        // value, and a service reading it would need information that no question settles.
        let found = problems("""
        derived:
          d.group:
            type: enum
            values: [x, y]
            source: law
            cases: [{when: {fact: age, at_least: 18}, value: x}]
        services:
          dk.x: {title: X, because: b, source: law, criteria: {fact: d.group, equals: x}}
        """)
        #expect(found == [
            "agency.yaml:7:3: error: derived fact 'd.group' needs 'otherwise': its value when no case holds\n  d.group:\n  ^",
        ])
    }

    @Test("A fact nobody reads is an error unless informational")
    func unreadFact() {
        let found = problems("facts:\n  extra.one: {type: bool}\n  extra.two: {type: bool, informational: true}\n")
        #expect(found.contains { $0.hasPrefix("agency.yaml:7:3: error: fact 'extra.one' is declared but no rule reads it") })
        #expect(!found.contains { $0.contains("extra.two") })
    }

    @Test("An empty all or any is an error at the empty list")
    func emptyCombinators() {
        #expect(problems("services:\n  dk.x: {title: X, because: b, source: law, criteria: {all: []}}\n") == [
            "agency.yaml:7:61: error: 'all' needs at least one condition; an empty list holds for every patient\n  dk.x: {title: X, because: b, source: law, criteria: {all: []}}\n                                                            ^",
        ])
        #expect(problems("services:\n  dk.x:\n    title: X\n    because: b\n    source: law\n    criteria:\n      any: []\n") == [
            "agency.yaml:12:12: error: 'any' needs at least one condition; an empty list holds for no patient\n      any: []\n           ^",
        ])
    }

    @Test("A zero duration is an error at the number")
    func zeroDuration() {
        #expect(problems("services:\n  dk.x: {title: X, because: b, source: law, criteria: {fact: since, within: {days: 0}}}\n") == [
            "agency.yaml:7:84: error: a duration must be at least 1 (of days); found 0, which makes 'within' say nothing about time\n  dk.x: {title: X, because: b, source: law, criteria: {fact: since, within: {days: 0}}}\n                                                                                   ^",
        ])
        #expect(problems("services:\n  dk.x: {title: X, because: b, source: law, criteria: {fact: since, older_than: {months: 0}}}\n") == [
            "agency.yaml:7:90: error: a duration must be at least 1 (of months); found 0, which makes 'older_than' say nothing about time\n  dk.x: {title: X, because: b, source: law, criteria: {fact: since, older_than: {months: 0}}}\n                                                                                         ^",
        ])
    }

    @Test("A service that requires itself is an error at the prerequisite")
    func requiresItself() {
        let found = problems("""
        services:
          dk.x:
            title: X
            because: b
            source: law
            criteria: {fact: age, at_least: 18}
            requires: [{service: dk.x, because: b, source: law}]
        """)
        #expect(found == [
            "agency.yaml:12:26: error: service 'dk.x' requires itself, so no patient can ever get it\n    requires: [{service: dk.x, because: b, source: law}]\n                         ^",
        ])
    }
}

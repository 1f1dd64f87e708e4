import Foundation
import Testing
@testable import Eligibility

@Suite("Questions: plain words for open facts, the answer that decides most first")
struct QuestionTests {
    static let facts = """
    ruleset: test.facts
    version: "1"
    valid_from: 2020-01-01
    sources:
      law: {kind: law, cite: "A law"}
    facts:
      jurisdiction: {type: enum, values: [DK, SE, NO], question: "Which country?", choices: {DK: Denmark}}
      a: {type: bool, question: "Is A so?"}
      b: {type: bool, question: "Is B so?"}
      c: {type: bool, question: "Is C so?"}
      level: {type: enum, values: [low, very_high], question: "How high?", choices: {low: "Low, barely"}}
    """

    /// `x` waits for a and b, `y` for b and level, `z` for c alone, `w` for a alone.
    static let agency = """
    ruleset: test.agency
    agency: Test agency
    jurisdiction: DK
    version: "1"
    valid_from: 2020-01-01
    services:
      dk.x: {title: X, because: x, source: law, criteria: {all: [{fact: a, equals: true}, {fact: b, equals: true}]}}
      dk.y: {title: Y, because: y, source: law, criteria: {all: [{fact: b, equals: true}, {fact: level, equals: low}]}}
      dk.z: {title: Z, because: z, source: law, criteria: {all: [{fact: jurisdiction, equals: DK}, {fact: c, equals: true}]}}
      dk.w: {title: W, because: w, source: law, criteria: {fact: a, equals: false}}
    """

    func engine(facts: String = QuestionTests.facts) throws -> Engine {
        Engine(library: try Fixture.library(["facts.yaml": facts, "agency.yaml": Self.agency]))
    }

    @Test("Ordered by services decided, then by services settled alone, then by declaration")
    func order() throws {
        let engine = try engine()
        let patient = try Fixture.patient(engine, "id: q\njurisdiction: DK\n")
        let questions = try engine.report(for: patient, asOf: Fixture.day).questions
        #expect(questions.map(\.fact) == ["a", "b", "c", "level"])
        #expect(questions.map(\.decides) == [["dk.x", "dk.w"], ["dk.x", "dk.y"], ["dk.z"], ["dk.y"]])
        #expect(questions.map(\.settlesAlone) == [1, 0, 1, 0])
        #expect(questions.map(\.question) == ["Is A so?", "Is B so?", "Is C so?", "How high?"])
        #expect(questions.map(\.type.name) == ["bool", "bool", "bool", "enum"])
        #expect(questions[3].choices == [.init(value: "low", label: "Low, barely"), .init(value: "very_high", label: "very high")])
        #expect(questions[0].choices.isEmpty)
    }

    @Test("A fact the catalogue lacks is asked by its name, after the catalogue's at equal weight; a fact twice in one service counts once")
    func factsOutsideTheCatalogue() throws {
        let catalog = try engine().library.catalog
        let questions = Question.open(for: [("s1", ["zeta", "b", "zeta"]), ("s2", ["alpha"]), ("s3", ["zeta"]), ("s4", ["c"])], catalog: catalog)
        #expect(questions.map(\.fact) == ["zeta", "c", "alpha", "b"])
        #expect(questions.map(\.decides) == [["s1", "s3"], ["s4"], ["s2"], ["s1"]])
        #expect(questions.map(\.settlesAlone) == [1, 1, 1, 0])
        #expect(questions.map(\.question) == ["zeta", "Is C so?", "alpha", "Is B so?"])
        #expect(questions.map(\.type.name) == ["string", "bool", "string", "bool"])
    }

    @Test("An answer takes its fact off the list; the cheap list equals the report's")
    func answered() throws {
        let engine = try engine()
        let patient = try Fixture.patient(engine, "id: q\njurisdiction: DK\na: true\nlevel: very_high\n")
        let report = try engine.report(for: patient, asOf: Fixture.day)
        // y is decided (ineligible) by the level; x still waits for b.
        #expect(report.questions.map(\.fact) == ["b", "c"])
        #expect(report.questions.map(\.decides) == [["dk.x"], ["dk.z"]])
        #expect(try engine.questions(for: patient, asOf: Fixture.day) == report.questions)
        #expect(try engine.questions(for: patient, asOf: Fixture.day, services: ["dk.y", "dk.w"]).isEmpty)
        let narrowed = try engine.questions(for: try Fixture.patient(engine, "id: q\njurisdiction: DK\n"), asOf: Fixture.day, services: ["dk.y"])
        #expect(narrowed.map(\.fact) == ["b", "level"])
        #expect(narrowed.map(\.decides) == [["dk.y"], ["dk.y"]])
    }

    @Test("JSON: questions with fact, question, type, choices and decides")
    func json() throws {
        let engine = try engine()
        let patient = try Fixture.patient(engine, "id: q\njurisdiction: DK\na: true\nb: true\nc: true\n")
        let json = try engine.report(for: patient, asOf: Fixture.day).rendered(as: .json)
        let start = try #require(json.range(of: "  \"questions\": ["))
        let end = try #require(json.range(of: "\n  ],\n", range: start.upperBound..<json.endIndex))
        #expect(String(json[start.lowerBound..<end.upperBound]) == """
          "questions": [
            {
              "fact": "level",
              "question": "How high?",
              "type": "enum",
              "choices": [
                {
                  "value": "low",
                  "label": "Low, barely"
                },
                {
                  "value": "very_high",
                  "label": "very high"
                }
              ],
              "decides": [
                "dk.y"
              ]
            }
          ],

        """)
    }

    @Test("lint: a fact a person supplies without a question; choices only for enum values")
    func lint() throws {
        let missing = try engine(facts: Self.facts.replacingOccurrences(of: ", question: \"Is C so?\"", with: ""))
        #expect(missing.library.lintProblems.map(\.description) == ["""
        facts.yaml:10:3: error: fact 'c' is supplied by a person but has no 'question:' to ask them in plain words
          c: {type: bool}
          ^
        """])
        #expect(try engine().library.lintProblems.isEmpty)
        let bad = Self.facts
            .replacingOccurrences(of: "choices: {low: ", with: "choices: {lwo: ")
            .replacingOccurrences(of: "question: \"Is A so?\"", with: "question: \"Is A so?\", choices: {yes: Yes}")
        let problems = Fixture.problems { _ = try Fixture.library(["facts.yaml": bad, "agency.yaml": Self.agency]) }
        #expect(problems == [
            """
            facts.yaml:8:41: error: fact 'a' has 'choices', but only an enum fact has choices
              a: {type: bool, question: "Is A so?", choices: {yes: Yes}}
                                                    ^
            """,
            """
            facts.yaml:11:82: error: 'lwo' in the choices of fact 'level' is not one of its values (low, very_high); did you mean 'low'?
              level: {type: enum, values: [low, very_high], question: "How high?", choices: {lwo: "Low, barely"}}
                                                                                             ^
            """,
        ])
    }
}

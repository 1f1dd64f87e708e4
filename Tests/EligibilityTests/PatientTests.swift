import Testing
@testable import Eligibility

@Suite("Patient profiles")
struct PatientTests {
    let engine: Engine

    init() throws {
        engine = try Fixture.engine("services:\n  dk.x: {title: X, because: b, source: law, criteria: {fact: flag.a, equals: true}}\n")
    }

    func problems(_ text: String, name: String = "p.yaml") -> [String] {
        Fixture.problems { _ = try engine.decoder.decode(SourceText(name: name, text: name.hasSuffix(".yaml") ? Fixture.withId(text) : text)) }
    }

    @Test("Nested objects become dotted facts; null and absent are unknown")
    func dotted() throws {
        let p = try engine.decoder.decode(SourceText(name: "p.yaml", text: "id: p-1\nas_of: 2026-11-23\nflag: {a: true, b: null}\nlevel: high\nsince: 2026-01-02\ncode: F32.1\n"))
        #expect(p.id == "p-1")
        #expect(p.asOf == Day(year: 2026, month: 11, day: 23))
        #expect(p.facts["flag.a"] == .bool(true))
        #expect(p.facts["flag.b"] == nil)
        #expect(p.facts["flag.c"] == nil)
        #expect(p.facts["level"] == .string("high"))
        #expect(p.facts["since"] == .date(Day(year: 2026, month: 1, day: 2)!))
    }

    @Test("JSON and YAML give the same patient; dates as YAML dates or quoted ISO text")
    func jsonAndYaml() throws {
        let yaml = try engine.decoder.decode(SourceText(name: "p.yaml", text: "id: p-1\nflag: {a: true}\nage: 30\nincome: 1200.5\nsince: '2026-01-02'\n"))
        let json = try engine.decoder.decode(SourceText(name: "p.json", text: "{\"id\": \"p-1\", \"flag\": {\"a\": true}, \"age\": 30, \"income\": 1200.5, \"since\": \"2026-01-02\"}"))
        #expect(yaml.facts == json.facts)
    }

    @Test("An unknown key is an error naming it and the closest known fact")
    func unknownKey() {
        #expect(problems("flag: {a: true}\nlevle: high\n") == ["p.yaml:2:1: error: unknown fact 'levle'; did you mean 'level'?\nlevle: high\n^"])
        #expect(problems("flag: {aa: true}\n") == ["p.yaml:1:8: error: unknown fact 'flag.aa'; did you mean 'flag.a'?\nflag: {aa: true}\n       ^"])
    }

    @Test("A wrong type names the fact, the expected type and the value")
    func wrongType() {
        #expect(problems("age: thirty\n") == ["p.yaml:1:6: error: fact 'age' must be a whole number; found the text \"thirty\"\nage: thirty\n     ^"])
        #expect(problems("level: hihg\n") == ["p.yaml:1:8: error: fact 'level' must be one of low, medium, high; found the text \"hihg\"; did you mean 'high'?\nlevel: hihg\n       ^"])
        #expect(problems("since: 2026-02-30\n") == ["p.yaml:1:8: error: fact 'since' must be a date YYYY-MM-DD; found the text \"2026-02-30\"\nsince: 2026-02-30\n       ^"])
        #expect(problems("age: 200\n") == ["p.yaml:1:6: error: fact 'age' must be at most 130; found 200\nage: 200\n     ^"])
        #expect(problems("flag: true\n") == ["p.yaml:1:7: error: 'flag' must be an object of facts (a, b, c), found the boolean true\nflag: true\n      ^"])
    }

    @Test("JSON syntax errors give line and column, what was expected and what was found")
    func jsonSyntax() {
        #expect(problems("{\"age\": 30,\n \"flag\": {\"a\": tru}}", name: "p.json") == [
            "p.json:2:16: error: JSON: expected a value (object, list, text in double quotes, number, true, false or null), found 't'\n \"flag\": {\"a\": tru}}\n               ^",
        ])
    }

    @Test("Every problem of a patient file is reported")
    func allProblems() {
        #expect(problems("age: x\nlevle: high\n").count == 2)
    }
}

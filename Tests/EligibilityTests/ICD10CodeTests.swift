import Testing
@testable import Eligibility

@Suite("ICD-10 codes read from patients")
struct ICD10CodeTests {
    @Test("The forms people type are read as one code", arguments: [
        ("F32.1", "F32.1"), ("DF321", "F32.1"), ("F32,1", "F32.1"), ("f32.1", "F32.1"), ("F321", "F32.1"),
        (" df32.1 ", "F32.1"), ("F32", "F32"), ("DF20", "F20"), ("D50.1", "D50.1"), ("F32.10", "F32.10"),
    ])
    func accepted(input: String, code: String) throws {
        #expect(try ICD10Code(parsing: input).text == code)
    }

    @Test("Anything else is refused at the character where it goes wrong", arguments: [
        ("", "character 1: the code is empty"),
        ("32.1", "character 1: expected the letter that begins an ICD-10 code, found '3'"),
        ("F3", "character 3: expected two digits after the letter, the code ends"),
        ("FX2.1", "character 2: expected two digits after the letter, found 'X'"),
        ("F32.", "character 5: expected a subcategory after the separator, the code ends"),
        ("F32-F33", "character 4: expected a digit or letter of the subcategory, found '-'"),
        ("F32.12345", "character 9: the subcategory has more than 4 characters"),
        ("depression", "character 2: expected two digits after the letter, found 'E'"),
    ])
    func refused(input: String, message: String) {
        #expect(throws: ICD10Code.Problem.self) { try ICD10Code(parsing: input) }
        do {
            _ = try ICD10Code(parsing: input)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("Rule ranges and patient codes compare through the same reader")
    func ranges() throws {
        let range = try #require(ICD10Range("F32-F33"))
        #expect(range.contains("DF321"))
        #expect(range.contains("F32,1"))
        #expect(!range.contains("F41.1"))
        #expect(!range.contains("garbage"))
    }

    @Test("A patient's code is stored in the one form")
    func patientValue() throws {
        let engine = try Fixture.engine("services:\n  dk.x: {title: X, because: b, source: law, criteria: {fact: code, icd10: F32}}\n")
        for form in ["DF321", "'F32,1'", "f32.1", "F321"] {
            let patient = try Fixture.patient(engine, "code: \(form)\n")
            #expect(patient.facts["code"] == .string("F32.1"))
        }
    }

    @Test("A patient's code that is not ICD-10 is an error with its position, whole message")
    func patientError() throws {
        let engine = try Fixture.engine("services:\n  dk.x: {title: X, because: b, source: law, criteria: {fact: code, icd10: F32}}\n")
        let problems = Fixture.problems { _ = try engine.decoder.decode(SourceText(name: "p.yaml", text: "id: p-1\nage: 40\ncode: F3x.1\n")) }
        #expect(problems == ["p.yaml:3:7: error: fact 'code' must be an ICD-10 code such as F32.1 (DF321, F32,1 and F321 are read as F32.1); found 'F3x.1', character 3: expected two digits after the letter, found 'X'\ncode: F3x.1\n      ^"])
        let json = Fixture.problems { _ = try engine.decoder.decode(SourceText(name: "p.json", text: "{\"id\": \"p-1\", \"code\": \"32.1\"}")) }
        #expect(json == ["p.json:1:23: error: fact 'code' must be an ICD-10 code such as F32.1 (DF321, F32,1 and F321 are read as F32.1); found '32.1', character 1: expected the letter that begins an ICD-10 code, found '3'\n{\"id\": \"p-1\", \"code\": \"32.1\"}\n                      ^"])
    }

    @Test("Lint: an icd10 comparison needs a fact declared with format: icd10")
    func lintFormat() {
        let common = Fixture.common.replacingOccurrences(of: "code: {type: string, format: icd10, informational: true}", with: "code: {type: string, informational: true}")
        let agency = "ruleset: a\nagency: A\njurisdiction: DK\nversion: \"1\"\nvalid_from: 2020-01-01\nservices:\n  dk.x: {title: X, because: b, source: law, criteria: {fact: code, icd10: F32}}\n"
        let problems = Fixture.problems { _ = try Fixture.library(["common.yaml": common, "agency.yaml": agency]) }
        #expect(problems == ["agency.yaml:7:62: error: 'icd10' needs a string fact with 'format: icd10'; 'code' is string\n  dk.x: {title: X, because: b, source: law, criteria: {fact: code, icd10: F32}}\n                                                             ^"])
    }

    @Test("The quick refusal turns away only texts the full reading refuses, and reads the rest")
    func quickRefusal() {
        let alphabet: [Character] = ["D", "d", "F", "f", "Z", "x", "3", "2", "1", "0", " ", ".", ",", "-", "ß", "ſ", "é"]
        var generator = SystemRandomNumberGenerator()
        var refused = 0
        for _ in 0..<20_000 {
            let text = String((0..<Int.random(in: 0...7, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let parsed = try? ICD10Code(parsing: text)
            if ICD10Code.surelyNotCode(text.utf8) {
                refused += 1
                #expect(parsed == nil, "\(text.debugDescription) refused but reads as \(parsed?.text ?? "")")
            }
            #expect(ICD10Code(text) == parsed, "\(text.debugDescription)")
        }
        #expect(refused > 5_000)
        // Words a patient file holds in text facts are refused at once; codes never are.
        for word in ["moderate", "DK", "SE", "employed", "yes", "", "  ", "DA1", "F3"] { #expect(ICD10Code.surelyNotCode(word.utf8), "\(word)") }
        for code in ["F32.1", "DF321", " f32,1", "F321", "dF32", "ſ12"] { #expect(!ICD10Code.surelyNotCode(code.utf8), "\(code)") }
        #expect(ICD10Code("ſ12")?.text == "S12")
    }

    @Test("The plain reading packs only texts the full reading keeps as they are, or refuses")
    func plainReading() {
        let alphabet: [Character] = ["D", "d", "F", "f", "Z", "x", "3", "2", "1", "0", " ", ".", ",", "-", "ß", "ſ", "é"]
        var generator = SystemRandomNumberGenerator()
        var plain = 0
        func random(_ count: ClosedRange<Int>, of characters: [Character]) -> String {
            String((0..<Int.random(in: count, using: &generator)).map { _ in characters.randomElement(using: &generator)! })
        }
        for round in 0..<20_000 {
            // Every other text is shaped like a code: a letter, two digits, maybe a subcategory.
            let text = round.isMultiple(of: 2) ? random(0...8, of: alphabet)
                : random(1...1, of: ["D", "F", "Z", "f"]) + random(2...2, of: ["0", "3", "9", "x"])
                    + random(0...1, of: [".", ","]) + random(0...5, of: ["0", "7", "A", "z", "-"])
            let full = ICD10Code(text)
            #expect(ICD10Code.packedCode(of: text) == full?.packed ?? 0, "\(text.debugDescription)")
            guard let packed = ICD10Code.packedIfPlain(text.utf8) else { continue }
            if packed == 0 {
                #expect(full == nil, "\(text.debugDescription) packs as no code but reads as \(full?.text ?? "")")
            } else {
                plain += 1
                #expect(full?.text == text && full?.packed == packed, "\(text.debugDescription)")
            }
        }
        #expect(plain > 300)
        #expect(ICD10Code.packedIfPlain("F32.1".utf8) == ICD10Code("F32.1")?.packed)
        for text in ["f32.1", "DF321", "F32,1", " F32.1", "F32."] { #expect(ICD10Code.packedIfPlain(text.utf8) == nil, "\(text)") }
        for word in ["moderate", "DK", ""] { #expect(ICD10Code.packedIfPlain(word.utf8) == 0, "\(word)") }
    }
}

import Testing
@testable import Eligibility

/// Issue 28: the interview understands answers typed in Danish, Swedish and Norwegian as well
/// as English, and numbers and dates in the forms written there; an ambiguous number is
/// refused, not guessed.
@Suite struct AnswerLanguageTests {
    func question(_ type: FactType) -> Question {
        Question(fact: "f", question: "?", type: type, choices: [], decides: [], settlesAlone: 0)
    }

    @Test func yesNoAndNotKnownInEveryLanguage() throws {
        let q = question(.bool)
        for yes in ["y", "Yes", "j", "ja", "JA", " ja "] { #expect(try q.read(yes) == .value(.bool(true)), "\(yes)") }
        for no in ["n", "no", "nej", "Nej", "nei"] { #expect(try q.read(no) == .value(.bool(false)), "\(no)") }
        for unknown in ["?", "ved ikke", "Vet inte", "vet ikke", "don't know"] { #expect(try q.read(unknown) == .unknown, "\(unknown)") }
        #expect(throws: AnswerProblem(expected: "y or n", found: "kanske")) { try q.read("kanske") }
    }

    @Test func numbersWithGroupSpacesAndDecimalCommas() throws {
        #expect(try question(.number).read("380 000") == .value(.number(380_000)))
        #expect(try question(.number).read("380\u{00A0}000") == .value(.number(380_000)))
        #expect(try question(.number).read("12,5") == .value(.number(12.5)))
        #expect(try question(.number).read("12.5") == .value(.number(12.5)))
        #expect(try question(.integer).read("1 200") == .value(.integer(1200)))
        let expected = "a number without a thousands separator (380000 or 380 000; a decimal comma as in 12,5)"
        #expect(throws: AnswerProblem(expected: expected, found: "380,000")) { try question(.number).read("380,000") }
        #expect(throws: AnswerProblem(expected: expected, found: "1.380,5")) { try question(.number).read("1.380,5") }
        #expect(throws: AnswerProblem(expected: "a whole number", found: "12,5")) { try question(.integer).read("12,5") }
    }

    @Test func datesIsoOrDayFirst() throws {
        let day = try #require(Day(year: 2026, month: 11, day: 23))
        for text in ["2026-11-23", "23.11.2026", "23/11/2026", "23-11-2026"] {
            #expect(try question(.date).read(text) == .value(.date(day)), "\(text)")
        }
        #expect(try question(.date).read("1.2.2026") == .value(.date(try #require(Day(year: 2026, month: 2, day: 1)))))
        #expect(throws: AnswerProblem(expected: "a date YYYY-MM-DD", found: "31.02.2026")) { try question(.date).read("31.02.2026") }
        #expect(throws: AnswerProblem(expected: "a date YYYY-MM-DD", found: "11/23/26")) { try question(.date).read("11/23/26") }
    }
}

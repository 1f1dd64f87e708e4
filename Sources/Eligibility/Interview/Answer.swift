/// What a person typed in answer to a question, read against the fact's type.
public enum Answer: Sendable, Hashable {
    /// A value for the fact.
    case value(FactValue)
    /// `?`: not known; the fact stays unknown and the question is not asked again.
    case unknown
}

/// An answer that cannot be used: what was expected and what was found.
public struct AnswerProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var expected: String
    public var found: String
    /// Why a well-formed answer is refused (a patient file check), when that is the problem.
    public var refusal: String?

    public var description: String {
        if let refusal { return "\(refusal) (answer again, or ? if not known)" }
        return "expected \(expected) (or ? if not known); found '\(found)'"
    }
}

extension Question {
    /// What to type, in short: `y/n`, `1-3`, `YYYY-MM-DD`, `a whole number`.
    public var answerForm: String {
        switch type {
        case .bool: return "y/n"
        case .enumeration: return choices.count == 1 ? "1" : "1-\(choices.count)"
        case .date: return "YYYY-MM-DD"
        case .integer: return "a whole number"
        case .number: return "a number"
        case .string: return "text"
        }
    }

    /// Reads a typed answer, in English, Danish, Swedish or Norwegian: yes or no (`y`/`n`,
    /// `yes`/`no`, `j`/`ja`, `nej`, `nei`), a choice's number, value or label, a date
    /// (`2026-11-23`, or day first: `23.11.2026`, `23/11/2026`, `23-11-2026`), a number
    /// (`380000`, `380 000`, a decimal point or a decimal comma: `12.5`, `12,5`); `?`, "don't
    /// know", "ved ikke", "vet inte", "vet ikke" are "not known".
    /// - Throws: what was expected and what was found.
    public func read(_ typed: String) throws(AnswerProblem) -> Answer {
        let text = typed.trimmingWhitespace
        let lower = text.lowercased()
        if Self.notKnown.contains(lower) { return .unknown }
        switch type {
        case .bool:
            if Self.yes.contains(lower) { return .value(.bool(true)) }
            if Self.no.contains(lower) { return .value(.bool(false)) }
            throw AnswerProblem(expected: "y or n", found: text)
        case .enumeration:
            if let n = Int(text), choices.indices.contains(n - 1) { return .value(.string(choices[n - 1].value)) }
            if let choice = choices.first(where: { $0.value.lowercased() == lower || $0.label.lowercased() == lower }) {
                return .value(.string(choice.value))
            }
            let values = choices.map(\.value).joined(separator: ", ")
            throw AnswerProblem(expected: "a number from \(answerForm) or one of \(values)", found: text)
        case .date:
            guard let day = Day(iso: text) ?? Self.dayFirst(text) else { throw AnswerProblem(expected: "a date YYYY-MM-DD", found: text) }
            return .value(.date(day))
        case .integer:
            guard let n = Int(try Self.number(text, expected: "a whole number")) else { throw AnswerProblem(expected: "a whole number", found: text) }
            return .value(.integer(n))
        case .number:
            guard let x = Double(try Self.number(text, expected: "a number")), x.isFinite else { throw AnswerProblem(expected: "a number", found: text) }
            return .value(.number(x))
        case .string:
            guard !text.isEmpty else { throw AnswerProblem(expected: "some text", found: text) }
            return .value(.string(text))
        }
    }
}

extension Question {
    static let yes: Set<String> = ["y", "yes", "true", "j", "ja"]
    static let no: Set<String> = ["n", "no", "false", "nej", "nei"]
    static let notKnown: Set<String> = ["?", "don't know", "dont know", "ved ikke", "vet inte", "vet ikke"]

    /// A typed number as Swift reads it: group spaces dropped (`380 000`, also the no-break
    /// and thin spaces), a decimal comma made a point (`12,5`). A comma followed by three
    /// digits (`380,000`) could be either a decimal comma or a thousands separator, so it is
    /// refused rather than guessed.
    static func number(_ text: String, expected: String) throws(AnswerProblem) -> String {
        var digits = text.filter { $0 != " " && $0 != "\u{00A0}" && $0 != "\u{202F}" }
        if let comma = digits.firstIndex(of: ",") {
            let after = digits[digits.index(after: comma)...]
            guard !digits.contains("."), digits.filter({ $0 == "," }).count == 1, (1...2).contains(after.count),
                  after.allSatisfy(\.isNumber) else {
                throw AnswerProblem(expected: "\(expected) without a thousands separator (380000 or 380 000; a decimal comma as in 12,5)", found: text)
            }
            digits.replaceSubrange(comma...comma, with: ".")
        }
        return digits
    }

    /// A date written day first, as in Denmark and Norway (`23.11.2026`, `23/11/2026`,
    /// `23-11-2026`): day, month, four-digit year.
    static func dayFirst(_ text: String) -> Day? {
        let parts = text.split(whereSeparator: { $0 == "." || $0 == "/" || $0 == "-" }).map(String.init)
        guard parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
              let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]) else { return nil }
        return Day(year: year, month: month, day: day)
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks.
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}

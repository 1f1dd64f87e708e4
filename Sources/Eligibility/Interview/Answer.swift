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

    /// Reads a typed answer: `y`/`n` (also yes/no), a choice's number, value or label, a
    /// date `YYYY-MM-DD`, a number; `?` is "don't know".
    /// - Throws: what was expected and what was found.
    public func read(_ typed: String) throws(AnswerProblem) -> Answer {
        let text = typed.trimmingWhitespace
        if text == "?" { return .unknown }
        let lower = text.lowercased()
        switch type {
        case .bool:
            if ["y", "yes", "true"].contains(lower) { return .value(.bool(true)) }
            if ["n", "no", "false"].contains(lower) { return .value(.bool(false)) }
            throw AnswerProblem(expected: "y or n", found: text)
        case .enumeration:
            if let n = Int(text), choices.indices.contains(n - 1) { return .value(.string(choices[n - 1].value)) }
            if let choice = choices.first(where: { $0.value.lowercased() == lower || $0.label.lowercased() == lower }) {
                return .value(.string(choice.value))
            }
            let values = choices.map(\.value).joined(separator: ", ")
            throw AnswerProblem(expected: "a number from \(answerForm) or one of \(values)", found: text)
        case .date:
            guard let day = Day(iso: text) else { throw AnswerProblem(expected: "a date YYYY-MM-DD", found: text) }
            return .value(.date(day))
        case .integer:
            guard let n = Int(text) else { throw AnswerProblem(expected: "a whole number", found: text) }
            return .value(.integer(n))
        case .number:
            guard let x = Double(text), x.isFinite else { throw AnswerProblem(expected: "a number", found: text) }
            return .value(.number(x))
        case .string:
            guard !text.isEmpty else { throw AnswerProblem(expected: "some text", found: text) }
            return .value(.string(text))
        }
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

/// A fact by its label, a value by its choice label, and what a comparison asks, in a
/// person's words: what `SituationIndex` works out once per program, so that a reason for
/// a criterion that fails or is not known says what is true of the patient against the rule
/// ("Work situation: student; needed: on sick leave"), never the rule's own `because:`,
/// which reads as a fact about the patient and is true only when the criterion holds.
struct SituationWording {
    let catalog: FactCatalog

    /// What the fact is called: its `label:`, else its description, else its name.
    func label(_ fact: String) -> String {
        guard let entry = catalog[fact] else { return fact }
        return entry.label ?? entry.description ?? fact
    }

    /// A value as a person reads it: a choice's label, yes or no, a number or date as written.
    func value(_ fact: String, _ raw: String) -> String {
        guard let entry = catalog[fact] else { return raw }
        switch entry.type {
        case .bool: return raw == "true" ? "yes" : raw == "false" ? "no" : raw
        case .enumeration: return Self.lowercasedStart(entry.choices.first { $0.value == raw }?.label ?? raw)
        default: return raw
        }
    }

    /// What the comparison asks, in words (`at least 154`, `one of: mild, moderate`), its
    /// values as a person reads them.
    func requirement(_ comparison: Comparison, wantTrue: Bool) -> String {
        if case .known(let flag) = comparison.test { return flag == wantTrue ? "an answer" : "no answer" }
        let fact = comparison.fact
        let read: (Literal) -> String = { value(fact, $0.value?.description ?? $0.node.scalar?.text ?? "?") }
        if wantTrue { return ConditionWording.asked(comparison.test, value: read) }
        // Said as what the value must not be, so that a choice whose own label is a negation
        // ("not mental") does not read "not not mental".
        switch comparison.test {
        case .equals(let literal): return "other than " + read(literal)
        case .oneOf(let literals): return "none of: " + literals.map(read).joined(separator: ", ")
        default: return "not " + ConditionWording.asked(comparison.test, value: read)
        }
    }

    /// "On sick leave" as it reads inside a sentence; a leading abbreviation ("SIP") stays.
    static func lowercasedStart(_ text: String) -> String {
        guard let first = text.first, first.isUppercase, text.dropFirst().first?.isLowercase ?? true else { return text }
        return first.lowercased() + text.dropFirst()
    }

    static func upperStart(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}

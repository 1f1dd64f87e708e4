/// A comparison and the patient's value in a person's words: the fact by its label, a value
/// by its choice label, and what the rule asks. A reason for a criterion that fails or is
/// not known says what is true of the patient against the rule ("Work situation: student;
/// needed: on sick leave"), never the rule's own `because:`, which reads as a fact about
/// the patient and is true only when the criterion holds.
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

    /// What the comparison asks, in words (`at least 154`, `one of: mild, moderate`).
    func requirement(_ comparison: Comparison, wantTrue: Bool) -> String {
        let fact = comparison.fact
        func lit(_ l: Literal) -> String { value(fact, l.value?.description ?? l.node.scalar?.text ?? "?") }
        let words: String
        switch comparison.test {
        case .equals(let l): words = lit(l)
        case .oneOf(let ls): words = "one of: " + ls.map(lit).joined(separator: ", ")
        case .atLeast(let l): words = "at least \(lit(l))"
        case .atMost(let l): words = "at most \(lit(l))"
        case .between(let a, let b): words = "from \(lit(a)) to \(lit(b))"
        case .before(let l): words = "before \(lit(l))"
        case .after(let l): words = "after \(lit(l))"
        case .olderThan(let d): words = "at least \(d) ago"
        case .within(let d): words = "less than \(d) ago"
        case .icd10(let ranges): words = "a code in " + ranges.map(\.text).joined(separator: ", ")
        case .known(let flag): return flag == wantTrue ? "an answer" : "no answer"
        }
        return wantTrue ? words : "not " + words
    }

    /// The patient's situation against a comparison that fails (`value` known) or is not
    /// known (`value` nil). `fails` is the rule's own wording, `{value}` standing for the value.
    func situation(_ comparison: Comparison, wantTrue: Bool, value raw: String?, fails: String?) -> String {
        let fact = comparison.fact
        guard let raw else {
            return "\(Self.upperStart(label(fact))): not known; needed: \(requirement(comparison, wantTrue: wantTrue))"
        }
        let shown = value(fact, raw)
        if let fails {
            if fails.contains("{value}") { return fails.replacingOccurrences(of: "{value}", with: shown) }
            return "\(fails) (\(label(fact)): \(shown))"
        }
        return "\(Self.upperStart(label(fact))): \(shown); needed: \(requirement(comparison, wantTrue: wantTrue))"
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

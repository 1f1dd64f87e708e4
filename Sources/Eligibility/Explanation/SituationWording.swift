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

    /// What the comparison asks, in words (`at least 154`, `one of: mild, moderate`), its
    /// values as a person reads them.
    func requirement(_ comparison: Comparison, wantTrue: Bool) -> String {
        if case .known(let flag) = comparison.test { return flag == wantTrue ? "an answer" : "no answer" }
        let fact = comparison.fact
        let words = ConditionWording.asked(comparison.test) { value(fact, $0.value?.description ?? $0.node.scalar?.text ?? "?") }
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

    /// A comparison that holds, in the same words, for a rule that gives no `because:`:
    /// "Diagnosis group: depression (needed: one of: depression, anxiety)".
    func met(_ comparison: Comparison, wantTrue: Bool, value raw: String?) -> String {
        let shown = raw.map { value(comparison.fact, $0) } ?? "not known"
        return "\(Self.upperStart(label(comparison.fact))): \(shown) (needed: \(requirement(comparison, wantTrue: wantTrue)))"
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

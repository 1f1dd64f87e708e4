/// Conditions and values in words, for explanations.
enum ConditionWording {
    /// The comparison as the rule reads, on the fact's name (`income.annual is at most
    /// 100000`): for JSON, `--verbose` and the notes.
    static func describe(_ comparison: Comparison, wantTrue: Bool) -> String {
        func lit(_ l: Literal) -> String { l.value?.description ?? l.node.scalar?.text ?? "?" }
        let phrase = "\(comparison.fact) is \(asked(comparison.test, value: lit))"
        return wantTrue ? phrase : "not: \(phrase)"
    }

    /// What a comparison asks of a value, in words (`at least 154`, `one of: mild,
    /// moderate`), each value written by `value`: the one wording of every comparison kind,
    /// for the rule's own words and for the patient's situation (`SituationWording`).
    static func asked(_ test: Comparison.Test, value: (Literal) -> String) -> String {
        switch test {
        case .equals(let l): return value(l)
        case .oneOf(let ls): return "one of: " + ls.map(value).joined(separator: ", ")
        case .atLeast(let l): return "at least \(value(l))"
        case .atMost(let l): return "at most \(value(l))"
        case .between(let a, let b): return "from \(value(a)) to \(value(b))"
        case .before(let l): return "before \(value(l))"
        case .after(let l): return "after \(value(l))"
        case .olderThan(let d): return "at least \(d) ago"
        case .within(let d): return "less than \(d) ago"
        case .icd10(let ranges): return "a code in " + ranges.map(\.text).joined(separator: ", ")
        case .known(let flag): return flag ? "known" : "not known"
        }
    }
}

extension Program {
    /// A slot's value in words; "unknown" when not known.
    func describe(_ value: SlotValue) -> String {
        switch value.tag {
        case .unknown: return "unknown"
        case .bool: return value.bits != 0 ? "true" : "false"
        case .integer: return String(value.bits)
        case .number: return FactValue.number(value.numeric).description
        case .date: return Day(ordinal: Int32(value.bits)).description
        case .symbol: return value.bits >= 0 && Int(value.bits) < symbols.count ? symbols[Int(value.bits)] : "(other text)"
        }
    }

    /// Source ids as their citations, unconfirmed ones marked.
    func cite(_ ids: [String]) -> String { entries.cite(ids) }
}

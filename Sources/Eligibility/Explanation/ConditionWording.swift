/// Conditions and values in words, for explanations.
enum ConditionWording {
    static func describe(_ comparison: Comparison, wantTrue: Bool) -> String {
        let f = comparison.fact
        func lit(_ l: Literal) -> String { l.value?.description ?? l.node.scalar?.text ?? "?" }
        let phrase: String
        switch comparison.test {
        case .equals(let l): phrase = "\(f) is \(lit(l))"
        case .oneOf(let ls): phrase = "\(f) is one of \(ls.map(lit).joined(separator: ", "))"
        case .atLeast(let l): phrase = "\(f) is at least \(lit(l))"
        case .atMost(let l): phrase = "\(f) is at most \(lit(l))"
        case .between(let a, let b): phrase = "\(f) is between \(lit(a)) and \(lit(b))"
        case .before(let l): phrase = "\(f) is before \(lit(l))"
        case .after(let l): phrase = "\(f) is after \(lit(l))"
        case .olderThan(let d): phrase = "\(f) is at least \(d) before the evaluation date"
        case .within(let d): phrase = "\(f) is less than \(d) before the evaluation date"
        case .icd10(let ranges): phrase = "\(f) is in \(ranges.map(\.text).joined(separator: ", "))"
        case .known(let flag): phrase = flag ? "\(f) is known" : "\(f) is not known"
        }
        return wantTrue ? phrase : "not: \(phrase)"
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

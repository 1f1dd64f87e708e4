/// Gives rule literals the type of the fact they are compared with, reporting mismatches.
struct LiteralTyper {
    let catalog: FactCatalog
    let sink: DiagnosticSink

    /// The literal as a value of `type`, or nil and an error.
    func value(_ literal: Literal, as type: FactType, fact: String) -> FactValue? {
        let node = literal.node
        guard let scalar = node.scalar else {
            sink.error("expected a value for '\(fact)', found \(node.kindDescription)", at: node.location)
            return nil
        }
        let found = node.kindDescription
        switch type {
        case .bool:
            if case .bool(let v) = scalar.resolved { return .bool(v) }
            sink.error("'\(fact)' is a bool (true or false); found \(found)", at: node.location)
        case .integer:
            if case .integer(let v) = scalar.resolved { return inRange(Double(v), node, fact: fact) ? .integer(v) : nil }
            sink.error("'\(fact)' is an integer; found \(found)", at: node.location)
        case .number:
            if case .integer(let v) = scalar.resolved { return inRange(Double(v), node, fact: fact) ? .number(Double(v)) : nil }
            if case .float(let v) = scalar.resolved { return inRange(v, node, fact: fact) ? .number(v) : nil }
            sink.error("'\(fact)' is a number; found \(found)", at: node.location)
        case .string:
            return .string(scalar.text)
        case .date:
            if let day = Day(iso: scalar.text) { return .date(day) }
            sink.error("'\(fact)' is a date YYYY-MM-DD; found '\(scalar.text)'", at: node.location)
        case .enumeration(let values):
            if values.contains(scalar.text) { return .string(scalar.text) }
            sink.error("'\(scalar.text)' is not a value of '\(fact)' (\(values.joined(separator: ", ")))\(Suggestion.hint(for: scalar.text, among: values))",
                       at: node.location)
        }
        return nil
    }

    /// Whether a number in a rule is one the fact can hold: finite and within the range
    /// the fact is declared with (without one, within `FactDeclaration.magnitudeLimit`
    /// either way), so that the ways out, which try the number and its neighbour, always
    /// have an integer to try. Reports it at its place when not.
    private func inRange(_ x: Double, _ node: YAMLNode, fact: String) -> Bool {
        let entry = catalog[fact]
        let limit = FactDeclaration.magnitudeLimit
        let low = entry?.min ?? -limit, high = entry?.max ?? limit
        if x.isFinite, x >= low, x <= high { return true }
        func shown(_ x: Double) -> String { x == x.rounded() && abs(x) <= limit ? String(Int(x)) : String(x) }
        let range: String
        switch (entry?.min, entry?.max) {
        case (.some, .some): range = "from \(shown(low)) to \(shown(high)) (its declared range)"
        case (.some, nil): range = "a finite number from \(shown(low)) (its declared min) to \(shown(high))"
        case (nil, .some): range = "a finite number from \(shown(low)) to \(shown(high)) (its declared max)"
        case (nil, nil): range = "a finite number from \(shown(low)) to \(shown(high))"
        }
        sink.error("'\(fact)' must be \(range); found \(node.kindDescription)", at: node.location)
        return false
    }

    /// The condition with every literal typed; nil when any part is wrong.
    func typed(_ condition: Condition) -> Condition? {
        switch condition {
        case .all(let parts, let note):
            let typedParts = parts.map(typed)
            return typedParts.contains { $0 == nil } ? nil : .all(typedParts.compactMap { $0 }, note)
        case .any(let parts, let note):
            let typedParts = parts.map(typed)
            return typedParts.contains { $0 == nil } ? nil : .any(typedParts.compactMap { $0 }, note)
        case .not(let inner, let note):
            return typed(inner).map { .not($0, note) }
        case .compare(let comparison, let note):
            return typed(comparison).map { .compare($0, note) }
        }
    }

    private func typed(_ comparison: Comparison) -> Comparison? {
        guard let entry = catalog[comparison.fact] else {
            let hint = Suggestion.hint(for: comparison.fact, among: catalog.names)
            sink.error("unknown fact '\(comparison.fact)'\(hint)", at: comparison.factLocation)
            return nil
        }
        let fact = comparison.fact
        var result = comparison
        func need(_ ok: Bool, _ what: String, _ test: String) -> Bool {
            if !ok {
                sink.error("'\(test)' needs \(what); '\(fact)' is \(entry.type)", at: comparison.factLocation)
            }
            return ok
        }
        func typedLiteral(_ literal: Literal, as type: FactType) -> Literal? {
            value(literal, as: type, fact: fact).map { Literal(node: literal.node, value: $0) }
        }
        switch comparison.test {
        case .equals(let l):
            guard let t = typedLiteral(l, as: entry.type) else { return nil }
            result.test = .equals(t)
        case .oneOf(let ls):
            let ts = ls.compactMap { typedLiteral($0, as: entry.type) }
            guard ts.count == ls.count else { return nil }
            result.test = .oneOf(ts)
        case .atLeast(let l), .atMost(let l):
            guard need(entry.type.isNumeric, "a number or integer fact", "at_least/at_most"),
                  let t = typedLiteral(l, as: .number) else { return nil }
            if case .atLeast = comparison.test { result.test = .atLeast(t) } else { result.test = .atMost(t) }
        case .between(let lo, let hi):
            guard need(entry.type.isNumeric, "a number or integer fact", "between"),
                  let a = typedLiteral(lo, as: .number), let b = typedLiteral(hi, as: .number) else { return nil }
            if let x = a.value?.numeric, let y = b.value?.numeric, x > y {
                sink.error("'between' needs low <= high; found [\(lo.node.scalar?.text ?? ""), \(hi.node.scalar?.text ?? "")]", at: lo.node.location)
                return nil
            }
            result.test = .between(a, b)
        case .before(let l), .after(let l):
            guard need(entry.type == .date, "a date fact", "before/after"),
                  let t = typedLiteral(l, as: .date) else { return nil }
            if case .before = comparison.test { result.test = .before(t) } else { result.test = .after(t) }
        case .olderThan, .within:
            guard need(entry.type == .date, "a date fact", "older_than/within") else { return nil }
        case .icd10:
            // The format makes the patient reader refuse what is not a code, instead of
            // the comparison reading it as outside every range.
            guard need(entry.type == .string && entry.format == .icd10, "a string fact with 'format: icd10'", "icd10") else { return nil }
        case .known:
            break
        }
        return result
    }
}

/// Reads a criterion tree (`all`/`any`/`not`/`fact` comparisons) from YAML.
struct ConditionDecoder {
    let sink: DiagnosticSink

    static let combinators = ["all", "any", "not"]
    static let tests = ["equals", "in", "at_least", "at_most", "between", "before", "after",
                        "older_than", "within", "icd10", "known"]
    static let annotations = ["because", "fails", "source", "quote", "valid_from", "valid_to"]

    func decode(_ node: YAMLNode, field: String = "criteria") -> Condition? {
        guard let reader = MappingReader(node, subject: "condition in '\(field)'", sink: sink) else { return nil }
        var note = ConditionNote(origin: sink.origin(node.location),
                                 because: reader.text("because"),
                                 sources: reader.sourceReferences(), quotes: reader.quotes())
        note.fails = reader.text("fails")
        note.inForce = reader.inForce()
        let keys = reader.pairs.compactMap { $0.key.scalar?.text }
        let heads = keys.filter { Self.combinators.contains($0) || $0 == "fact" }
        guard heads.count == 1, let head = heads.first else {
            let found = heads.isEmpty ? "none" : heads.joined(separator: ", ")
            sink.error("a condition needs exactly one of all, any, not or fact; found \(found)", at: node.location)
            reader.rejectUnknownKeys(allowed: Self.combinators + ["fact"] + Self.tests + Self.annotations)
            return nil
        }
        switch head {
        case "all", "any":
            reader.rejectUnknownKeys(allowed: [head] + Self.annotations)
            // An empty `all` holds for everyone and an empty `any` for no one: neither is
            // what a rule's author means, and the evaluator would quietly give that answer.
            if let list = reader.value(head), list.items?.isEmpty == true {
                let meaning = head == "all" ? "holds for every patient" : "holds for no patient"
                sink.error("'\(head)' needs at least one condition; an empty list \(meaning)", at: list.location)
                return nil
            }
            let parts = reader.list(head).compactMap { decode($0, field: head) }
            return head == "all" ? .all(parts, note) : .any(parts, note)
        case "not":
            reader.rejectUnknownKeys(allowed: ["not"] + Self.annotations)
            guard let inner = reader.value("not").flatMap({ decode($0, field: "not") }) else {
                if reader.value("not") == nil { sink.error("'not' needs a condition", at: node.location) }
                return nil
            }
            return .not(inner, note)
        default:
            reader.rejectUnknownKeys(allowed: ["fact"] + Self.tests + Self.annotations)
            return comparison(reader, note: note)
        }
    }

    private func comparison(_ reader: MappingReader, note: ConditionNote) -> Condition? {
        guard let factNode = reader.required("fact"),
              let fact = MappingReader.text(factNode, field: "fact", sink: sink) else { return nil }
        let testKeys = reader.pairs.compactMap { $0.key.scalar?.text }.filter { Self.tests.contains($0) }
        guard testKeys.count == 1, let key = testKeys.first, let value = reader.value(key) else {
            sink.error("a comparison on '\(fact)' needs exactly one of \(Self.tests.joined(separator: ", "))",
                       at: reader.location)
            return nil
        }
        guard let test = test(key, value) else { return nil }
        return .compare(Comparison(fact: fact, factLocation: factNode.location, test: test), note)
    }

    private func test(_ key: String, _ value: YAMLNode) -> Comparison.Test? {
        func literal(_ node: YAMLNode) -> Literal? {
            guard node.scalar != nil else {
                sink.error("'\(key)' must be a single value, found \(node.kindDescription)", at: node.location)
                return nil
            }
            return Literal(node: node, value: nil)
        }
        switch key {
        case "equals": return literal(value).map { .equals($0) }
        case "at_least": return literal(value).map { .atLeast($0) }
        case "at_most": return literal(value).map { .atMost($0) }
        case "before": return literal(value).map { .before($0) }
        case "after": return literal(value).map { .after($0) }
        case "in":
            guard let items = value.items, !items.isEmpty else {
                sink.error("'in' must be a non-empty list, found \(value.kindDescription)", at: value.location)
                return nil
            }
            let literals = items.compactMap(literal)
            return literals.count == items.count ? .oneOf(literals) : nil
        case "between":
            guard let items = value.items, items.count == 2,
                  let low = literal(items[0]), let high = literal(items[1]) else {
                sink.error("'between' must be a list of two values [low, high], found \(value.kindDescription)", at: value.location)
                return nil
            }
            return .between(low, high)
        case "older_than", "within":
            guard let duration = duration(value, field: key) else { return nil }
            return key == "within" ? .within(duration) : .olderThan(duration)
        case "icd10":
            let nodes = value.items ?? [value]
            var ranges: [ICD10Range] = []
            for node in nodes {
                guard let text = node.scalar?.text, let range = ICD10Range(text) else {
                    sink.error("'icd10' must be a code or range like F32 or F20-F29, found \(node.kindDescription)", at: node.location)
                    return nil
                }
                ranges.append(range)
            }
            return .icd10(ranges)
        case "known":
            guard case .bool(let flag) = value.scalar?.resolved else {
                sink.error("'known' must be true or false, found \(value.kindDescription)", at: value.location)
                return nil
            }
            return .known(flag)
        default:
            return nil
        }
    }

    private func duration(_ node: YAMLNode, field: String) -> Duration? {
        let units = Duration.Unit.allCases.map(\.rawValue)
        guard let pairs = node.pairs, pairs.count == 1, let pair = pairs.first,
              let name = pair.key.scalar?.text else {
            sink.error("'\(field)' must be one duration like {days: 180}, found \(node.kindDescription)", at: node.location)
            return nil
        }
        guard let unit = Duration.Unit(rawValue: name) else {
            sink.error("'\(name)' is not a unit of time; expected one of \(units.joined(separator: ", "))\(Suggestion.hint(for: name, among: units))",
                       at: pair.key.location)
            return nil
        }
        guard case .integer(let amount) = pair.value.scalar?.resolved, amount >= 0 else {
            sink.error("a duration must be a whole number of \(name), found \(pair.value.kindDescription)", at: pair.value.location)
            return nil
        }
        // `within: {days: 0}` holds only for an event on the evaluation day and
        // `older_than: {days: 0}` for any past one: either way the rule says nothing about time.
        guard amount >= 1 else {
            sink.error("a duration must be at least 1 (of \(name)); found 0, which makes '\(field)' say nothing about time",
                       at: pair.value.location)
            return nil
        }
        guard amount <= Duration.maximum(unit) else {
            sink.error("a duration must be at most 200 years (\(Duration.maximum(unit)) \(name)), found \(pair.value.kindDescription)",
                       at: pair.value.location)
            return nil
        }
        return Duration(amount: amount, unit: unit)
    }
}

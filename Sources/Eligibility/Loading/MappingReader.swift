/// Reads the fields of one YAML mapping, reporting every missing, misspelt or mistyped
/// field to the sink instead of stopping at the first.
struct MappingReader {
    let node: YAMLNode
    let pairs: [YAMLPair]
    /// How messages name this mapping: `service 'dk.gp.talk_therapy'`.
    let subject: String
    let sink: DiagnosticSink

    /// nil (and an error) when the node is not a mapping.
    init?(_ node: YAMLNode, subject: String, sink: DiagnosticSink) {
        guard let pairs = node.pairs else {
            sink.error("\(subject) must be a mapping, found \(node.kindDescription)", at: node.location)
            return nil
        }
        self.node = node
        self.pairs = pairs
        self.subject = subject
        self.sink = sink
    }

    var location: SourceLocation { node.location }

    /// Reports keys outside `allowed`, with the closest allowed key as a hint.
    func rejectUnknownKeys(allowed: [String]) {
        for pair in pairs {
            guard let key = pair.key.scalar?.text, !allowed.contains(key) else { continue }
            sink.error("unknown field '\(key)' in \(subject)\(Suggestion.hint(for: key, among: allowed))",
                       at: pair.key.location)
        }
    }

    func value(_ key: String) -> YAMLNode? {
        guard let node = node[key] else { return nil }
        if case .null = node.scalar?.resolved { return nil }
        return node
    }

    /// The location of a key, for messages about its value.
    func keyLocation(_ key: String) -> SourceLocation? {
        pairs.first { $0.key.scalar?.text == key }?.key.location
    }

    func required(_ key: String) -> YAMLNode? {
        guard let node = value(key) else {
            sink.error("\(subject) is missing required field '\(key)'", at: keyLocation(key) ?? location)
            return nil
        }
        return node
    }

    func text(_ key: String, required isRequired: Bool = false) -> String? {
        guard let node = isRequired ? required(key) : value(key) else { return nil }
        return Self.text(node, field: key, sink: sink)
    }

    static func text(_ node: YAMLNode, field: String, sink: DiagnosticSink) -> String? {
        guard let scalar = node.scalar else {
            sink.error("'\(field)' must be text, found \(node.kindDescription)", at: node.location)
            return nil
        }
        return scalar.text
    }

    func bool(_ key: String) -> Bool? {
        guard let node = value(key) else { return nil }
        guard case .bool(let flag) = node.scalar?.resolved else {
            sink.error("'\(key)' must be true or false, found \(node.kindDescription)", at: node.location)
            return nil
        }
        return flag
    }

    func number(_ key: String) -> Double? {
        guard let node = value(key) else { return nil }
        switch node.scalar?.resolved {
        case .integer(let v): return Double(v)
        case .float(let v): return v
        default:
            sink.error("'\(key)' must be a number, found \(node.kindDescription)", at: node.location)
            return nil
        }
    }

    func date(_ key: String, required isRequired: Bool = false) -> Day? {
        guard let node = isRequired ? required(key) : value(key) else { return nil }
        return Self.date(node, field: key, sink: sink)
    }

    static func date(_ node: YAMLNode, field: String, sink: DiagnosticSink) -> Day? {
        guard let text = node.scalar?.text else {
            sink.error("'\(field)' must be a date YYYY-MM-DD, found \(node.kindDescription)", at: node.location)
            return nil
        }
        guard let day = Day(iso: text) else {
            sink.error("'\(field)' must be a date YYYY-MM-DD, found '\(text)'", at: node.location)
            return nil
        }
        return day
    }

    /// `valid_from` / `valid_to`, when either is given: a period whose end is not before its start.
    func inForce() -> InForce? {
        let from = date("valid_from"), to = date("valid_to")
        guard let first = value("valid_from") ?? value("valid_to") else { return nil }
        if let from, let to, to < from {
            sink.error("'valid_to' \(to) is before 'valid_from' \(from)", at: value("valid_to")?.location)
            return nil
        }
        guard from != nil || to != nil else { return nil }
        return InForce(from: from, to: to, location: first.location)
    }

    /// A list of text, also accepting a single text.
    func texts(_ key: String) -> [String] {
        guard let node = value(key) else { return [] }
        if let items = node.items {
            return items.compactMap { Self.text($0, field: key, sink: sink) }
        }
        return Self.text(node, field: key, sink: sink).map { [$0] } ?? []
    }

    /// Source ids, as one id or a list, each with its position.
    func sourceReferences(_ key: String = "source") -> [SourceReference] {
        guard let node = value(key) else { return [] }
        let nodes = node.items ?? [node]
        return nodes.compactMap { item in
            Self.text(item, field: key, sink: sink).map { SourceReference(id: $0, location: item.location) }
        }
    }

    /// One of a fixed set of words.
    func choice<T: RawRepresentable & CaseIterable>(_ key: String, as: T.Type, required isRequired: Bool = false) -> T?
    where T.RawValue == String {
        guard let node = isRequired ? required(key) : value(key),
              let text = Self.text(node, field: key, sink: sink) else { return nil }
        guard let value = T(rawValue: text) else {
            let names = T.allCases.map(\.rawValue)
            sink.error("'\(key)' must be one of \(names.joined(separator: ", ")); found '\(text)'\(Suggestion.hint(for: text, among: names))",
                       at: node.location)
            return nil
        }
        return value
    }

    /// The entries of a mapping-valued field, each key with its value.
    func entries(_ key: String) -> [YAMLPair] {
        guard let node = value(key) else { return [] }
        guard let pairs = node.pairs else {
            sink.error("'\(key)' must be a mapping, found \(node.kindDescription)", at: node.location)
            return []
        }
        return pairs
    }

    func list(_ key: String) -> [YAMLNode] {
        guard let node = value(key) else { return [] }
        guard let items = node.items else {
            sink.error("'\(key)' must be a list, found \(node.kindDescription)", at: node.location)
            return []
        }
        return items
    }
}

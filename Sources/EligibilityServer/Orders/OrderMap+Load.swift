public import Eligibility
import Foundation

extension OrderMap {
    /// Reads and validates an order map.
    /// - Parameters:
    ///   - path: the YAML file.
    ///   - library: the rules in force: every service and fact the map names must be there.
    /// - Throws: every problem, each at `file:line:col` with the source line and a caret.
    public static func load(path: String, library: RuleLibrary) throws(LoadFailure) -> OrderMap {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadFailure([Diagnostic(file: path, location: nil, message: "cannot read the order map")], cause: .unreadable)
        }
        return try parse(SourceText(name: path, bytes: Array(data)), library: library)
    }

    /// Reads and validates an order map's text (see ``load(path:library:)``).
    public static func parse(_ source: SourceText, library: RuleLibrary) throws(LoadFailure) -> OrderMap {
        let root: YAMLNode?
        do {
            root = try YAMLDocument.parse(source)
        } catch {
            throw LoadFailure([error])
        }
        var reader = OrderMapReader(source: source, library: library)
        var map = OrderMap()
        map.file = source.name
        if let root { reader.read(root, into: &map) } else { reader.complain("the order map is empty", at: nil) }
        guard reader.problems.isEmpty else { throw LoadFailure(reader.problems) }
        return map
    }
}

/// Reads the sections of an order map, collecting every problem with its place.
struct OrderMapReader {
    let source: SourceText
    let library: RuleLibrary
    var problems: [Diagnostic] = []

    static let sections = ["codes", "performer_types", "organisations", "identifier_systems", "keywords", "the_order_is_the_referral"]

    mutating func complain(_ message: String, at location: SourceLocation?) {
        problems.append(source.diagnostic(message, at: location))
    }

    mutating func read(_ root: YAMLNode, into map: inout OrderMap) {
        guard let pairs = root.pairs else { return complain("the order map must be a mapping, found \(root.kindDescription)", at: root.location) }
        for pair in pairs {
            let key = pair.key.scalar?.text ?? ""
            switch key {
            case "codes": map.codes = keyed(pair.value, section: key, valueKey: "code")
            case "performer_types": map.performerTypes = keyed(pair.value, section: key, valueKey: "code")
            case "organisations": map.organisations = keyed(pair.value, section: key, valueKey: "value")
            case "identifier_systems":
                for item in list(pair.value, section: key) {
                    guard let fields = fields(item, allowed: ["system", "name"], required: ["system", "name"]),
                          let system = fields["system"], let name = fields["name"] else { continue }
                    map.identifierSystems[system.text] = name.text
                }
            case "keywords":
                for item in list(pair.value, section: key) {
                    guard let fields = fields(item, allowed: ["text", "services"], required: ["text", "services"]),
                          let text = fields["text"], let services = item["services"],
                          let target = target(services) else { continue }
                    map.keywords.append(.init(text: text.text.lowercased(), target: target))
                }
            case "the_order_is_the_referral":
                map.orderFacts = orderFacts(pair.value)
            default:
                complain("unknown section '\(key)'\(Suggestion.hint(for: key, among: Self.sections))", at: pair.key.location)
            }
        }
    }

    private mutating func list(_ node: YAMLNode, section: String) -> [YAMLNode] {
        guard let items = node.items else {
            complain("'\(section)' must be a list, found \(node.kindDescription)", at: node.location)
            return []
        }
        return items
    }

    /// The text fields of an entry; nil (and a complaint) when it is no mapping or lacks
    /// a required field. Unknown fields are complained about with a hint.
    private mutating func fields(_ node: YAMLNode, allowed: [String], required: [String]) -> [String: (text: String, location: SourceLocation)]? {
        guard let pairs = node.pairs else {
            complain("an entry must be a mapping, found \(node.kindDescription)", at: node.location)
            return nil
        }
        var found: [String: (text: String, location: SourceLocation)] = [:]
        for pair in pairs {
            let key = pair.key.scalar?.text ?? ""
            guard allowed.contains(key) else {
                complain("unknown field '\(key)'\(Suggestion.hint(for: key, among: allowed))", at: pair.key.location)
                continue
            }
            if key == "services" { continue }
            guard let scalar = pair.value.scalar else {
                complain("'\(key)' must be text, found \(pair.value.kindDescription)", at: pair.value.location)
                continue
            }
            found[key] = (scalar.text, pair.value.location)
        }
        var complete = true
        for key in required where found[key] == nil && node[key] == nil {
            complain("missing field '\(key)'", at: node.location)
            complete = false
        }
        return complete ? found : nil
    }

    /// Entries `{system, <valueKey>, display?, services}` by (system, value).
    private mutating func keyed(_ node: YAMLNode, section: String, valueKey: String) -> [OrderMap.Key: OrderTarget] {
        var map: [OrderMap.Key: OrderTarget] = [:]
        for item in list(node, section: section) {
            guard let fields = fields(item, allowed: ["system", valueKey, "display", "services"], required: ["system", valueKey, "services"]),
                  let system = fields["system"], let value = fields[valueKey], let services = item["services"],
                  let target = target(services) else { continue }
            let key = OrderMap.Key(system: system.text, code: value.text)
            if map[key] != nil {
                complain("\(system.text)|\(value.text) is listed twice", at: value.location)
            }
            map[key] = target
        }
        return map
    }

    /// `services:`: a service id, or a mapping country → service id.
    private mutating func target(_ node: YAMLNode) -> OrderTarget? {
        if let scalar = node.scalar {
            return service(scalar.text, at: node.location) ? .everywhere(scalar.text) : nil
        }
        guard let pairs = node.pairs else {
            complain("'services' must be a service id or a mapping country -> service id, found \(node.kindDescription)", at: node.location)
            return nil
        }
        var ids: [String: String] = [:]
        var valid = true
        for pair in pairs {
            let country = pair.key.scalar?.text ?? ""
            let countries = library.jurisdictions
            guard countries.contains(country) else {
                let quoteNo = countries.contains("NO") ? "; write \"NO\" in quotes" : ""
                complain("'\(country)' is not a country of these rules (\(RuleLibrary.either(countries))\(quoteNo))", at: pair.key.location)
                valid = false
                continue
            }
            guard let id = pair.value.scalar?.text, service(id, at: pair.value.location) else { valid = false; continue }
            ids[country] = id
        }
        return valid ? .byCountry(ids) : nil
    }

    /// True when the rules have the service; else a complaint with the closest id.
    private mutating func service(_ id: String, at location: SourceLocation) -> Bool {
        guard library.service(id) == nil else { return true }
        complain("no service '\(id)' in the rules\(Suggestion.hint(for: id, among: library.services.map(\.id)))", at: location)
        return false
    }

    /// `service id: {fact: value}`: each fact declared by the rules, each value of its type.
    private mutating func orderFacts(_ node: YAMLNode) -> [String: [OrderMap.OrderFact]] {
        guard let pairs = node.pairs else {
            complain("'the_order_is_the_referral' must be a mapping service id -> facts, found \(node.kindDescription)", at: node.location)
            return [:]
        }
        var result: [String: [OrderMap.OrderFact]] = [:]
        for pair in pairs {
            let id = pair.key.scalar?.text ?? ""
            guard service(id, at: pair.key.location) else { continue }
            guard let facts = pair.value.pairs else {
                complain("the facts of '\(id)' must be a mapping fact -> value, found \(pair.value.kindDescription)", at: pair.value.location)
                continue
            }
            for fact in facts {
                let name = fact.key.scalar?.text ?? ""
                guard let entry = library.catalog[name], !entry.isDerived else {
                    complain("no fact '\(name)' that a record can give in the rules\(Suggestion.hint(for: name, among: library.catalog.names))", at: fact.key.location)
                    continue
                }
                guard let value = Self.value(fact.value, as: entry.type) else {
                    complain("'\(name)' is \(entry.type), found \(fact.value.kindDescription)", at: fact.value.location)
                    continue
                }
                result[id, default: []].append(.init(fact: name, value: value))
            }
        }
        return result
    }

    /// A scalar as a value of `type`; nil when it is not one.
    static func value(_ node: YAMLNode, as type: FactType) -> FactValue? {
        guard let scalar = node.scalar else { return nil }
        switch (type, scalar.resolved) {
        case (.bool, .bool(let v)): return .bool(v)
        case (.integer, .integer(let v)): return .integer(v)
        case (.number, .integer(let v)): return .number(Double(v))
        case (.number, .float(let v)): return .number(v)
        case (.string, .string(let v)): return .string(v)
        case (.enumeration(let values), .string(let v)) where values.contains(v): return .string(v)
        case (.date, _): return Day(iso: scalar.text).map { .date($0) }
        default: return nil
        }
    }
}

import Foundation
import Eligibility

/// A case's facts: dotted fact names to known values, plus the evaluation date when the
/// case manager fixed one. Stored as the patient profile of the contract (§1), nested.
public struct CaseFacts: Sendable, Hashable {
    /// Known facts by dotted name; an absent fact is unknown.
    public var values: [String: JSONValue]
    /// `as_of`: the date the case is evaluated for; nil means the day of each evaluation.
    public var asOf: Day?

    public init(values: [String: JSONValue] = [:], asOf: Day? = nil) {
        self.values = values
        self.asOf = asOf
    }

    /// The facts of a patient read by the rules' decoder (types already checked).
    public init(_ patient: Patient) {
        var values: [String: JSONValue] = [:]
        for (name, value) in patient.facts { values[name] = JSONValue(value) }
        self.init(values: values, asOf: patient.asOf)
    }

    /// The profile as a nested JSON object, keys sorted; with `id` first when given.
    public func profile(id: String? = nil) -> JSONValue {
        var root = Node()
        for name in values.keys.sorted() {
            if let value = values[name] { root.insert(value, at: name.split(separator: ".").map(String.init)) }
        }
        var pairs: [(String, JSONValue)] = []
        if let id { pairs.append(("id", .string(id))) }
        if let asOf { pairs.append(("as_of", .string(asOf.description))) }
        if case .object(let rest) = root.json { pairs += rest }
        return .object(pairs)
    }

    /// Reads back what `profile()` wrote: nested objects become dotted names.
    public init(profile: JSONValue) {
        var values: [String: JSONValue] = [:]
        var asOf: Day?
        func walk(_ value: JSONValue, _ prefix: String) {
            guard case .object(let pairs) = value else {
                if value != .null { values[prefix] = value }
                return
            }
            for (key, inner) in pairs {
                if prefix.isEmpty && key == "id" { continue }
                if prefix.isEmpty && key == "as_of", case .string(let text) = inner {
                    asOf = Day(iso: text)
                    continue
                }
                walk(inner, prefix.isEmpty ? key : "\(prefix).\(key)")
            }
        }
        walk(profile, "")
        self.init(values: values, asOf: asOf)
    }

    /// What changed from `old` to this, one entry per fact (and `as_of`), sorted by name.
    public func changes(from old: CaseFacts) -> [(field: String, old: String?, new: String?)] {
        var result: [(field: String, old: String?, new: String?)] = []
        if old.asOf != asOf { result.append(("as_of", old.asOf?.description, asOf?.description)) }
        for name in Set(values.keys).union(old.values.keys).sorted() where !Self.same(values[name], old.values[name]) {
            result.append((name, old.values[name]?.plain, values[name]?.plain))
        }
        return result
    }

    /// Whether two values of one fact say the same. A whole number is stored as JSON
    /// `280000` and read back as an integer, while the form (and the rules' decoder) read a
    /// number-typed fact as `280000.0`: the same number. Text is compared without the
    /// spaces around it, which the form trims.
    static func same(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
        switch (a, b) {
        case (.integer(let x)?, .number(let y)?), (.number(let y)?, .integer(let x)?):
            return Double(x) == y
        case (.string(let x)?, .string(let y)?):
            return x.trimmingCharacters(in: .whitespacesAndNewlines) == y.trimmingCharacters(in: .whitespacesAndNewlines)
        default:
            return a == b
        }
    }

    /// A tree of nested objects, built from dotted names.
    private struct Node {
        var leaf: JSONValue?
        var children: [(String, Node)] = []

        mutating func insert(_ value: JSONValue, at path: [String]) {
            guard let head = path.first else { leaf = value; return }
            if let index = children.firstIndex(where: { $0.0 == head }) {
                children[index].1.insert(value, at: Array(path.dropFirst()))
            } else {
                var child = Node()
                child.insert(value, at: Array(path.dropFirst()))
                children.append((head, child))
            }
        }

        var json: JSONValue { leaf ?? .object(children.map { ($0.0, $0.1.json) }) }
    }
}

extension JSONValue {
    /// A fact's value as JSON: dates as `YYYY-MM-DD` text.
    init(_ value: FactValue) {
        switch value {
        case .bool(let v): self = .bool(v)
        case .integer(let v): self = .integer(v)
        case .number(let v): self = .number(v)
        case .string(let v): self = .string(v)
        case .date(let v): self = .string(v.description)
        }
    }

    /// The value as a person reads it (text without quotes); nil for null.
    var plain: String? {
        switch self {
        case .null: return nil
        case .string(let v): return v
        default: return text
        }
    }
}

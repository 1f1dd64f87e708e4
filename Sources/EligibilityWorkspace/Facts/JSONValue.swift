import Eligibility
import Foundation

/// A JSON value with object keys in a fixed order: a case's facts as the patient profile
/// of the contract (§1), and the bodies of the case API.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)): return a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let v): hasher.combine(v)
        case .integer(let v): hasher.combine(v)
        case .number(let v): hasher.combine(v)
        case .string(let v): hasher.combine(v)
        case .array(let v): hasher.combine(v)
        case .object(let pairs):
            for (key, value) in pairs { hasher.combine(key); hasher.combine(value) }
        }
    }

    /// The value of a key of an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    /// The pairs of an object; none for other values.
    public var pairs: [(String, JSONValue)] {
        if case .object(let pairs) = self { return pairs }
        return []
    }

    /// Compact JSON text.
    public var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let v): out += v ? "true" : "false"
        case .integer(let v): out += String(v)
        case .number(let v):
            out += v.isFinite ? (v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)) : "null"
        case .string(let v): JSONValue.quote(v, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (i, (key, value)) in pairs.enumerated() {
                if i > 0 { out += "," }
                JSONValue.quote(key, into: &out)
                out += ":"
                value.write(to: &out)
            }
            out += "}"
        }
    }

    /// The JSON string literal of `s` (the check report's escaping), with `<` escaped too so
    /// that the text can sit inside a page's script element. No escape JSON makes holds a
    /// `<`, so every `<` left is one of the text's own.
    private static func quote(_ s: String, into out: inout String) {
        out += JSONWriter.quote(s).replacingOccurrences(of: "<", with: "\\u003c")
    }
}

import Eligibility
import Foundation

/// A YAML patient file written as JSON, for request bodies (dates and codes as strings).
enum PatientJSON {
    static func from(yaml text: String) throws -> String {
        guard let node = try YAMLDocument.parse(SourceText(name: "patient.yaml", text: text)) else { return "{}" }
        var out = ""
        write(node, into: &out)
        return out
    }

    private static func write(_ node: YAMLNode, into out: inout String) {
        switch node.content {
        case .mapping(let pairs):
            out += "{"
            for (i, pair) in pairs.enumerated() {
                if i > 0 { out += "," }
                out += "\"\(pair.key.scalar?.text ?? "")\":"
                write(pair.value, into: &out)
            }
            out += "}"
        case .sequence(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        case .scalar(let scalar):
            switch scalar.resolved {
            case .null: out += "null"
            case .bool(let v): out += v ? "true" : "false"
            case .integer(let v): out += String(v)
            case .float: out += scalar.text
            case .string(let v): out += "\"\(v.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\""
            }
        }
    }
}

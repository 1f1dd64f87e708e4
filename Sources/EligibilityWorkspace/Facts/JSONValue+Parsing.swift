import Eligibility

extension JSONValue {
    /// The value of a parsed JSON node (the library's JSON reader keeps positions for errors;
    /// this drops them once the document has been checked).
    init(_ node: YAMLNode) {
        switch node.content {
        case .sequence(let items): self = .array(items.map(JSONValue.init))
        case .mapping(let pairs): self = .object(pairs.map { ($0.key.scalar?.text ?? "", JSONValue($0.value)) })
        case .scalar(let scalar):
            switch scalar.resolved {
            case .null: self = .null
            case .bool(let v): self = .bool(v)
            case .integer(let v): self = .integer(v)
            case .float(let v): self = .number(v)
            case .string(let v): self = .string(v)
            }
        }
    }

    /// Parses JSON text, with errors located in it.
    static func parse(_ text: String, name: String) throws(Diagnostic) -> JSONValue {
        JSONValue(try JSONDocument.parse(SourceText(name: name, text: text)))
    }
}

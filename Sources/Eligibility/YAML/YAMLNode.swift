/// A YAML node as a value: scalars, mappings and sequences, each with its 1-based position.
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(YAMLScalar)
        case mapping([YAMLPair])
        case sequence([YAMLNode])
    }

    public var content: Content
    public var location: SourceLocation

    public init(_ content: Content, at location: SourceLocation) {
        self.content = content
        self.location = location
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    public var pairs: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    public var items: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// The value of a scalar key in a mapping.
    public subscript(key: String) -> YAMLNode? {
        pairs?.first { $0.key.scalar?.text == key }?.value
    }

    /// What this node is, in the words an error message uses.
    public var kindDescription: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar):
            switch scalar.resolved {
            case .null: return "null"
            case .bool(let value): return "the boolean \(value)"
            case .integer(let value): return "the number \(value)"
            case .float: return "the number \(scalar.text)"
            case .string: return "the text \"\(scalar.text)\""
            }
        }
    }
}

/// A key and its value in a mapping, in document order.
public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode
}

/// A scalar's text and whether it was written plain (so the core schema resolves it).
public struct YAMLScalar: Sendable, Hashable {
    public var text: String
    public var isPlain: Bool

    public init(text: String, isPlain: Bool) {
        self.text = text
        self.isPlain = isPlain
    }

    /// The value under the YAML 1.2 core schema: only plain scalars are resolved, and
    /// only `true`/`false` (any case) are booleans, so `NO`, `no`, `yes`, `on` stay text.
    public var resolved: CoreValue {
        isPlain ? CoreValue.resolve(plain: text) : .string(text)
    }
}

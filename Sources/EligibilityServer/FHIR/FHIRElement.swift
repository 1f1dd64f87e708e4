public import Eligibility

/// A JSON element of a CDS Hooks call with its path, so that every complaint names where
/// it is (`context.draftOrders.entry[1].resource.code`).
public struct FHIRElement: Sendable {
    /// The element as parsed, with its line and column.
    public let node: YAMLNode
    /// An object's or array's path, written out; a scalar's parent's path and the step from
    /// there, so that a scalar's path is written out only when asked for (a complaint, a
    /// fact's origin), not for every value read.
    private let parentPath: String
    private let step: Step

    private enum Step: Sendable {
        case whole(String)
        case member(String)
        case item(Int)
    }

    /// Its dotted path from the top of the request (empty for the request itself).
    public var path: String {
        switch step {
        case .whole(let path): return path
        case .member(let key): return parentPath.isEmpty ? key : parentPath + "." + key
        case .item(let index): return "\(parentPath)[\(index)]"
        }
    }

    /// An element at a path.
    public init(node: YAMLNode, path: String) {
        self.init(node: node, parentPath: "", step: .whole(path))
    }

    private init(node: YAMLNode, parentPath: String, step: Step) {
        self.node = node
        self.parentPath = parentPath
        self.step = step
    }

    /// The member `key`, nil when absent or null.
    public func child(_ key: String) -> FHIRElement? {
        guard let value = node[key] else { return nil }
        if case .null = value.scalar?.resolved { return nil }
        return Self.at(value, in: path, .member(key))
    }

    /// An element below one whose path is `parentPath`.
    private static func at(_ node: YAMLNode, in parentPath: String, _ step: Step) -> FHIRElement {
        let element = FHIRElement(node: node, parentPath: parentPath, step: step)
        return node.scalar != nil ? element : FHIRElement(node: node, path: element.path)
    }

    /// The member `key`, which must be an object when present.
    public func object(_ key: String) throws(FHIRError) -> FHIRElement? {
        guard let element = child(key) else { return nil }
        guard element.node.pairs != nil else { throw element.error("expected an object, found \(element.node.kindDescription)") }
        return element
    }

    /// The items of the array `key`; empty when absent.
    public func array(_ key: String) throws(FHIRError) -> [FHIRElement] {
        guard let element = child(key) else { return [] }
        guard let items = element.node.items else { throw element.error("expected an array, found \(element.node.kindDescription)") }
        let path = element.path
        return items.enumerated().map { Self.at($1, in: path, .item($0)) }
    }

    /// The string member `key`; nil when absent.
    public func string(_ key: String) throws(FHIRError) -> String? {
        guard let element = child(key) else { return nil }
        guard let scalar = element.node.scalar, case .string = scalar.resolved else {
            throw element.error("expected a string, found \(element.node.kindDescription)")
        }
        return scalar.text
    }

    /// The boolean member `key`; nil when absent.
    public func bool(_ key: String) throws(FHIRError) -> Bool? {
        guard let element = child(key) else { return nil }
        guard case .bool(let value) = element.node.scalar?.resolved else {
            throw element.error("expected true or false, found \(element.node.kindDescription)")
        }
        return value
    }

    /// The codings of the CodeableConcept `key` as (system, code) pairs.
    public func codings(_ key: String) throws(FHIRError) -> [Coding] {
        guard let concept = try object(key) else { return [] }
        var codings: [Coding] = []
        for coding in try concept.array("coding") {
            guard coding.node.pairs != nil else { throw coding.error("expected a Coding object, found \(coding.node.kindDescription)") }
            codings.append(Coding(system: try coding.string("system"), code: try coding.string("code"), path: coding.path))
        }
        return codings
    }

    /// A complaint about this element.
    public func error(_ message: String) -> FHIRError {
        FHIRError(path: path, message: message)
    }

    /// `resourceType`, which must be `type`.
    public func expectResource(_ type: String) throws(FHIRError) {
        let found = try string("resourceType")
        guard found == type else {
            throw FHIRError(path: path + ".resourceType", message: "expected \(type), found \(found.map { "'\($0)'" } ?? "none")")
        }
    }
}

/// One code of a CodeableConcept.
public struct Coding: Sendable, Hashable {
    /// The code system's URI.
    public var system: String?
    /// The code in that system.
    public var code: String?
    /// Where it was, for errors.
    public var path: String
}

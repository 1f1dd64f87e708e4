import Foundation
import Testing
@testable import Eligibility

/// The subset of JSON Schema (2020-12) that rules/rule-set.schema.json uses, applied to
/// YAML nodes read with the 1.2 core schema: enough to prove that the editor schema
/// accepts every bundled rule file and rejects what lint rejects in shape.
struct SchemaCheck {
    let root: [String: Any]

    func errors(_ node: YAMLNode, _ schema: [String: Any], path: String = "$") -> [String] {
        if let ref = schema["$ref"] as? String {
            let name = String(ref.dropFirst("#/$defs/".count))
            guard let defs = root["$defs"] as? [String: Any], let target = defs[name] as? [String: Any] else {
                return ["\(path): unknown $ref \(ref)"]
            }
            return errors(node, target, path: path)
        }
        var found: [String] = []
        if let types = schema["type"] {
            let allowed = (types as? [String]) ?? [types as? String ?? ""]
            if !allowed.contains(where: { matches(node, $0) }) { return ["\(path): expected \(allowed), found \(node.kindDescription)"] }
        }
        if let values = schema["enum"] as? [Any] {
            let text = node.scalar?.text ?? ""
            if !values.contains(where: { "\($0)" == text }) { found.append("\(path): '\(text)' not in \(values)") }
        }
        if let pattern = schema["pattern"] as? String, let text = node.scalar?.text,
           text.range(of: pattern, options: .regularExpression) == nil {
            found.append("\(path): '\(text)' does not match \(pattern)")
        }
        if let options = schema["oneOf"] as? [[String: Any]] {
            let passing = options.filter { errors(node, $0, path: path).isEmpty }.count
            if passing != 1 { found.append("\(path): matches \(passing) of oneOf") }
        }
        if let pairs = node.pairs {
            let keys = pairs.compactMap { $0.key.scalar?.text }
            for key in schema["required"] as? [String] ?? [] where !keys.contains(key) { found.append("\(path): missing \(key)") }
            if let n = schema["minProperties"] as? Int, keys.count < n { found.append("\(path): fewer than \(n) properties") }
            if let n = schema["maxProperties"] as? Int, keys.count > n { found.append("\(path): more than \(n) properties") }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for pair in pairs {
                let key = pair.key.scalar?.text ?? ""
                if let sub = properties[key] as? [String: Any] {
                    found += errors(pair.value, sub, path: "\(path).\(key)")
                } else if let extra = schema["additionalProperties"] as? [String: Any] {
                    found += errors(pair.value, extra, path: "\(path).\(key)")
                } else if schema["additionalProperties"] as? Bool == false {
                    found.append("\(path): unexpected \(key)")
                }
            }
        }
        if let items = node.items {
            if let n = schema["minItems"] as? Int, items.count < n { found.append("\(path): fewer than \(n) items") }
            if let n = schema["maxItems"] as? Int, items.count > n { found.append("\(path): more than \(n) items") }
            if let sub = schema["items"] as? [String: Any] {
                for (i, item) in items.enumerated() { found += errors(item, sub, path: "\(path)[\(i)]") }
            }
        }
        return found
    }

    private func matches(_ node: YAMLNode, _ type: String) -> Bool {
        switch (type, node.content) {
        case ("object", .mapping), ("array", .sequence): return true
        case (_, .scalar(let s)):
            switch (type, s.resolved) {
            case ("string", .string), ("boolean", .bool), ("integer", .integer), ("number", .integer), ("number", .float), ("null", .null): return true
            default: return false
            }
        default: return false
        }
    }
}

@Suite("Editor schema for rule files")
struct SchemaTests {
    let check: SchemaCheck

    init() throws {
        let data = try Data(contentsOf: Fixture.packageRoot.appendingPathComponent("rules/rule-set.schema.json"))
        check = SchemaCheck(root: try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
    }

    @Test("Every bundled rule file satisfies the schema")
    func bundledFiles() throws {
        let rules = Fixture.packageRoot.appendingPathComponent("rules")
        let files = (FileManager.default.enumerator(atPath: rules.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 10)
        for file in files {
            let text = try String(contentsOf: rules.appendingPathComponent(file), encoding: .utf8)
            let node = try #require(try YAMLDocument.parse(SourceText(name: file, text: text)))
            #expect(check.errors(node, check.root) == [], "\(file)")
        }
    }

    @Test("The schema rejects a misspelt field, a bad status and a condition with two heads")
    func rejects() throws {
        let bad = """
        ruleset: x
        version: "1"
        valid_from: 2020-01-01
        services:
          x: {title: X, because: b, source: s, critera: {fact: a, equals: 1}}
          y: {title: Y, because: b, source: s, criteria: {all: [], fact: a}}
        tests:
          - {name: t, patient: {}, expect: {x: eligble}}
        """
        let node = try #require(try YAMLDocument.parse(SourceText(name: "bad.yaml", text: bad)))
        let found = check.errors(node, check.root)
        #expect(found.contains("$.services.x: unexpected critera"))
        #expect(found.contains { $0.hasPrefix("$.services.y.criteria: matches 2 of oneOf") })
        #expect(found.contains { $0.hasPrefix("$.tests[0].expect.x: 'eligble' not in") })
    }
}

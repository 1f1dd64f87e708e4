import Foundation
import Testing
@testable import Eligibility

@Suite("YAML layer")
struct YAMLTests {
    func parse(_ text: String, limits: YAMLLimits = .standard) throws -> YAMLNode? {
        try YAMLDocument.parse(SourceText(name: "t.yaml", text: text), limits: limits)
    }

    @Test("Core schema: only true/false are booleans, NO stays Norway")
    func coreSchema() throws {
        let node = try #require(try parse("a: NO\nb: no\nc: yes\nd: on\ne: true\nf: False\ng: 12\nh: 1.5\ni: ~\nj: '12'\nk: 2026-11-23\n"))
        let values = (node.pairs ?? []).map { $0.value.scalar?.resolved }
        #expect(values == [.string("NO"), .string("no"), .string("yes"), .string("on"), .bool(true), .bool(false),
                           .integer(12), .float(1.5), .null, .string("12"), .string("2026-11-23")])
    }

    @Test("Every node keeps its 1-based line and column")
    func positions() throws {
        let node = try #require(try parse("top:\n  inner: [1, 2]\n"))
        let inner = try #require(node["top"]?["inner"])
        #expect(inner.location == SourceLocation(line: 2, column: 10))
        #expect(inner.items?[1].location == SourceLocation(line: 2, column: 14))
    }

    @Test("Duplicate keys are errors at the second key")
    func duplicateKey() {
        let problems = Fixture.problems { _ = try parse("a: 1\nb: 2\na: 3\n") }
        #expect(problems == ["t.yaml:3:1: error: duplicate key 'a' (first at line 1)\na: 3\n^"])
    }

    @Test("Syntax errors name line, column and the problem, with a caret")
    func syntaxError() {
        let problems = Fixture.problems { _ = try parse("a: 1\nb: [1, 2\nc: 3\n") }
        #expect(problems == ["t.yaml:3:2: error: YAML syntax: did not find expected ',' or ']' (while parsing a flow sequence at line 2, column 4)\nc: 3\n ^"])
    }

    @Test("A billion-laughs file is refused without being expanded")
    func aliasBomb() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 {
            let refs = Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ")
            text += "a\(i): &a\(i) [\(refs)]\n"
        }
        let problems = Fixture.problems { _ = try parse(text) }
        #expect(problems.count == 1)
        #expect(problems.first?.contains("error: document expands to more than 500000 nodes (aliases are counted in full and not expanded)") == true)
    }

    @Test("Small aliases still work")
    func aliasesWork() throws {
        let node = try #require(try parse("a: &x {k: 1}\nb: *x\n"))
        #expect(node["b"]?["k"]?.scalar?.text == "1")
    }

    @Test("Nesting deeper than the limit is refused")
    func deepNesting() {
        let text = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        let problems = Fixture.problems { _ = try parse(text) }
        #expect(problems == ["t.yaml:1:65: error: nesting is deeper than 64 levels\n\(text)\n" + String(repeating: " ", count: 64) + "^"])
    }

    @Test("Oversized documents are refused before parsing")
    func tooLarge() {
        let problems = Fixture.problems { _ = try parse("a: 1234567890\n", limits: YAMLLimits(maxBytes: 8)) }
        #expect(problems == ["t.yaml: error: file is 14 bytes; at most 8 are accepted"])
    }

    @Test("Ten thousand loads do not leak libyaml memory (measured in a process of its own)")
    func noLeak() throws {
        let bench = URL(fileURLWithPath: Binary.path).deletingLastPathComponent().appendingPathComponent("eligbench").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: bench)
        process.arguments = ["leak-check"]
        process.currentDirectoryURL = Fixture.packageRoot
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.hasPrefix("resident memory growth over 11,000 parses: "))
    }
}


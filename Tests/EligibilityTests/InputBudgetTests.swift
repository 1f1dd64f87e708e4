import Foundation
import Testing
@testable import Eligibility

/// What a hostile or broken patient input may cost: twenty worded problems and a count of
/// the rest, a thousand keys in one object, sixteen levels, and a long line shown in part.
@Suite("Budgets for errors")
struct InputBudgetTests {
    let engine: Engine

    init() throws {
        engine = try Fixture.engine("services:\n  dk.x: {title: X, because: b, source: law, criteria: {fact: flag.a, equals: true}}\n")
    }

    /// A JSON patient with `count` unknown keys `k000`, `k001`, ... on one line.
    static func unknownKeys(_ count: Int) -> String {
        "{\"id\":\"p1\"," + (0..<count).map { String(format: "\"k%03d\":1", $0) }.joined(separator: ",") + "}\n"
    }

    func loadFailure(_ text: String, name: String = "p.json") -> LoadFailure? {
        do {
            _ = try engine.decoder.decode(SourceText(name: name, text: text))
            return nil
        } catch {
            return error
        }
    }

    @Test("The first 20 problems are worded, the rest counted in one line; the line is stored once")
    func twentyThenACount() throws {
        let failure = try #require(loadFailure(Self.unknownKeys(900)))
        #expect(failure.diagnostics.count == 20)
        #expect(failure.unreported == 880)
        let lines = failure.description.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 61)
        #expect(lines.last == "and 880 more problems")
        #expect(Array(lines.prefix(3)) == [
            "p.json:1:12: error: unknown fact 'k000'",
            "{\"id\":\"p1\",\"k000\":1,\"k001\":1,\"k002\":1,\"k003\":1,\"k004\":1,\"k005\":1,\"k006\":1,\"k007\":1,\"k008\":1,\"k009\":1,\"k010\":1,\"k011\":1,\"k012\":1,\"k013\":1,\"k014\":1,\"k015\":1,\"k016...",
            "           ^",
        ])
        // Every diagnostic of the line holds the same text: one copy, shared.
        let first = try #require(failure.diagnostics.first?.sourceLine)
        for diagnostic in failure.diagnostics {
            #expect(diagnostic.sourceLine?.utf8.withContiguousStorageIfAvailable { $0.baseAddress }
                == first.utf8.withContiguousStorageIfAvailable { $0.baseAddress })
        }
    }

    @Test("More than 1000 keys in one object, or deeper than 16 levels, is refused at the place it starts")
    func keysAndDepth() throws {
        let keys = try #require(loadFailure(Self.unknownKeys(1_500)))
        #expect(keys.diagnostics.map(\.headline) == ["p.json:1:9003: error: an object may have at most 1000 keys; this is key 1001"])
        let yaml = "id: p1\n" + (0..<1_000).map { "k\($0): 1\n" }.joined()
        #expect(loadFailure(yaml, name: "p.yaml")?.diagnostics.map(\.headline) == ["p.yaml:1001:1: error: a mapping may have at most 1000 keys; this is key 1001"])
        let deep = "{\"id\":\"p1\",\"flag\":" + String(repeating: "{\"a\":", count: 16) + "1" + String(repeating: "}", count: 17) + "\n"
        #expect(loadFailure(deep)?.description == """
            p.json:1:94: error: nesting is deeper than 16 levels
            {"id":"p1","flag":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":1}}}}}}}}}}}}}}}}}
                                                                                                         ^
            """)
    }

    @Test("A line longer than 240 bytes is shown as the 160 bytes around the column")
    func longLineWindow() {
        let line = String(repeating: "a", count: 300) + "é" + String(repeating: "b", count: 300)
        let shown = Diagnostic(file: "f", location: SourceLocation(line: 1, column: 301), message: "m", sourceLine: line).description
        #expect(shown == "f:1:301: error: m\n..." + String(repeating: "a", count: 80) + "é" + String(repeating: "b", count: 78) + "...\n" + String(repeating: " ", count: 83) + "^")
        let short = Diagnostic(file: "f", location: SourceLocation(line: 1, column: 3), message: "m", sourceLine: "abcdef").description
        #expect(short == "f:1:3: error: m\nabcdef\n  ^")
    }

    @Test("check on a file of 16,000 unknown keys on one line prints one bounded message")
    func checkManyKeys() throws {
        let text = "{\"id\":\"p1\",\"jurisdiction\":\"DK\"," + (0..<16_000).map { String(format: "\"k%05d\":1", $0) }.joined(separator: ",") + "}\n"
        let path = try Fixture.scratch("budget").appendingPathComponent("many.json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try Binary.run(["check", path])
        #expect(run.status == 2)
        #expect(run.err == """
            \(path):1:11010: error: an object may have at most 1000 keys; this is key 1001
            ...:1,"k00991":1,"k00992":1,"k00993":1,"k00994":1,"k00995":1,"k00996":1,"k00997":1,"k00998":1,"k00999":1,"k01000":1,"k01001":1,"k01002":1,"k01003":1,"k01004":1,"k0...
                                                                                               ^

            """)
    }
}

import Foundation
import Testing
@testable import Eligibility

@Suite("Text for a person: 100 columns, a bottom line of at most three lines")
struct TextLayoutTests {
    static let examples: [String] = {
        let dir = Fixture.packageRoot.appendingPathComponent("examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { dir.appendingPathComponent($0).path }
    }()

    static let engine: Engine? = try? Fixture.bundledEngine()

    @Test("Every example: lines of at most 100 columns, the bottom line first, then groups", arguments: examples)
    func layout(_ path: String) throws {
        let engine = try #require(Self.engine)
        let patient = try engine.decoder.decode(try RuleFiles.read(path))
        let report = try engine.report(for: patient)
        let text = report.rendered(as: .text)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 100 }, "\(lines.filter { $0.count > 100 })")
        let bottom = lines.dropFirst(2).prefix { !$0.isEmpty }
        #expect((1...6).contains(bottom.count))
        #expect(bottom.first?.hasPrefix("Now:") == true)
        #expect(bottom.map(String.init) == BottomLine(report).rendered())
        // Front-line text names services by title, never by id.
        for s in report.services {
            #expect(!text.contains(s.id), "\(s.id) in the text report")
        }
        for s in report.services where s.status == .ineligible {
            #expect(lines.filter { $0.hasPrefix("  \(s.shortTitle): ") }.count == 1)
        }
    }

    @Test("Wrapping: words kept whole, hanging indent, long words cut, cut text ends in an ellipsis")
    func wrapping() {
        #expect(Wrapping.wrap("one two three four", width: 10, first: "- ", indent: 2) == ["- one two", "  three", "  four"])
        #expect(Wrapping.wrap("abcdefghijkl", width: 8, first: "", indent: 0) == ["abcdefg…"])
        #expect(Wrapping.cut("a b c d", to: 4) == "a b…")
        #expect(Wrapping.cut("short", to: 10) == "short")
        #expect(BottomLine.fit(["aaaa", "bbbb", "cccc"], width: 18) == "aaaa; +2 more")
        #expect(BottomLine.fit(["aaaa", "bbbb"], width: 18) == "aaaa; bbbb")
        #expect(BottomLine.fit(["a very long single item"], width: 10) == "a very long single item")
    }
}

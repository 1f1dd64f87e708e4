import Foundation
import Testing
@testable import Eligibility

@Suite("Evidence behind every waiting link")
struct EvidenceTests {
    /// The seed studies' folder, beside the repository (`../shared/seeds/`).
    static let seedsFolder = Fixture.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds")

    /// Whether the tests that read the seed studies run: when the folder is there, and
    /// always under CI (`CI` set), where its absence must fail them, not skip them. A fresh
    /// clone alone has no `../shared`, and its `swift test` skips them, saying why.
    static var seedsExpected: Bool {
        FileManager.default.fileExists(atPath: seedsFolder.path) || ProcessInfo.processInfo.environment["CI"] != nil
    }

    static let seedsSkipped: Comment = "the seed studies are not beside the repository (../shared/seeds); with CI set this test runs and fails"

    /// The seed studies beside the repository (`../shared/seeds/`), by file name.
    static func seedTexts() throws -> [String: String] {
        let dir = seedsFolder
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }
        var texts: [String: String] = [:]
        for name in names {
            texts[name] = Quote.normalizingSpace(try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8))
        }
        return texts
    }

    /// Every quote of a library with where it is written.
    static func quotes(_ library: RuleLibrary) -> [(Quote, String)] {
        func inCondition(_ c: Condition?) -> [Quote] {
            guard let c else { return [] }
            switch c {
            case .all(let parts, let n), .any(let parts, let n): return n.quotes + parts.flatMap(inCondition)
            case .not(let inner, let n): return n.quotes + inCondition(inner)
            case .compare(_, let n): return n.quotes
            }
        }
        var result: [(Quote, String)] = []
        for ruleSet in library.ruleSets {
            var list: [Quote] = []
            for s in ruleSet.services {
                list += s.quotes + inCondition(s.criteria) + s.requires.flatMap { $0.quotes + inCondition($0.when) }
            }
            for a in ruleSet.actions {
                list += a.quotes + inCondition(a.when) + a.requires.flatMap { $0.quotes + inCondition($0.when) }
            }
            result += list.map { ($0, "\(ruleSet.file):\($0.location.line)") }
        }
        return result
    }

    @Test("Every quote in the bundled rules is in its seed study word for word (white space aside)",
          .enabled(if: EvidenceTests.seedsExpected, EvidenceTests.seedsSkipped))
    func quotesVerbatim() throws {
        let library = try Fixture.bundledEngine().library
        let seeds = try Self.seedTexts()
        #expect(seeds.count == 5)
        let quotes = Self.quotes(library)
        #expect(quotes.count >= 20)
        for (quote, place) in quotes {
            let cite = library.sources[quote.seed]?.cite ?? ""
            let file = String(cite.prefix { $0 != ":" })
            let text = try #require(seeds[file], "\(place): no seed file '\(file)' for \(quote.seed)")
            #expect(text.contains(Quote.normalizingSpace(quote.text)), "\(place): not found in \(file): \(quote.text)")
        }
    }

    @Test("A changed word in a quote is found by the check", .enabled(if: EvidenceTests.seedsExpected, EvidenceTests.seedsSkipped))
    func quoteCheckFails() throws {
        let seeds = try Self.seedTexts()
        let real = Quote.normalizingSpace("patients were generally willing to sign this consent")
        #expect(seeds.values.contains { $0.contains(real) })
        #expect(!seeds.values.contains { $0.contains(real.replacingOccurrences(of: "willing", with: "unwilling")) })
    }

    static let agency = """
    ruleset: a
    agency: A
    jurisdiction: DK
    version: "1"
    valid_from: 2020-01-01
    sources:
      guess: {kind: guideline, cite: "An assumption", verified: false, note: "not found"}
    services:
      dk.x:
        title: X
        because: b
        source: law
        criteria: {fact: flag.a, equals: true, because: "waits for the step", source: [guess, seed]}
        requires:
          - {service: dk.y, because: "y first", source: [guess, seed]}
      dk.y: {title: Y, because: b, source: law}
    actions:
      dk.step:
        who: gp
        does: Set the flag
        because: b
        source: law
        effects: [{fact: flag.a, becomes: true}]

    """

    @Test("Lint refuses a waiting link that rests only on unverified sources or unquoted seeds, at its line")
    func lintRefuses() {
        let problems = Fixture.problems { _ = try Fixture.library(["common.yaml": Fixture.common, "agency.yaml": Self.agency]) }
        #expect(problems == [
            "agency.yaml:13:15: error: the criterion on 'flag.a' of service 'dk.x' waits for a service or step that changes it, but it rests only on unverified sources (guess) and seed studies without a quote (seed); cite a verified source or quote the seed word for word (quote: {seed: ..., text: \"...\"})\n    criteria: {fact: flag.a, equals: true, because: \"waits for the step\", source: [guess, seed]}\n              ^",
            "agency.yaml:15:9: error: the prerequisite 'dk.y' of service 'dk.x' makes the patient wait, but it rests only on unverified sources (guess) and seed studies without a quote (seed); cite a verified source or quote the seed word for word (quote: {seed: ..., text: \"...\"})\n      - {service: dk.y, because: \"y first\", source: [guess, seed]}\n        ^",
        ])
    }

    @Test("A quote or a verified source is enough; a quote must name a seed study")
    func lintAccepts() throws {
        let quoted = Self.agency
            .replacingOccurrences(of: "source: [guess, seed]}\n    requires", with: "source: [guess, seed], quote: {seed: seed, text: \"the passage\"}}\n    requires")
            .replacingOccurrences(of: "source: [guess, seed]}\n  dk.y", with: "source: [guess, law]}\n  dk.y")
        _ = try Fixture.library(["common.yaml": Fixture.common, "agency.yaml": quoted])
        let wrongKind = quoted.replacingOccurrences(of: "quote: {seed: seed,", with: "quote: {seed: law,")
        let problems = Fixture.problems { _ = try Fixture.library(["common.yaml": Fixture.common, "agency.yaml": wrongKind]) }
        #expect(problems == ["agency.yaml:13:105: error: a quote must come from a seed study; 'law' is a source of kind law\n    criteria: {fact: flag.a, equals: true, because: \"waits for the step\", source: [guess, seed], quote: {seed: law, text: \"the passage\"}}\n                                                                                                        ^"])
    }
}

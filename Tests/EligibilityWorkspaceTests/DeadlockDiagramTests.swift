import Eligibility
@testable import EligibilityWorkspace
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The deadlock drawn by the server: boxes, arrows with their reasons, the ways out beside.
@Suite struct DeadlockDiagramTests {
    /// The test rules with a job-support title that holds markup, quotes and an ampersand.
    static func router() throws -> (Router<BasicRequestContext>, CaseService) {
        let source = Bundle.module.url(forResource: "Fixtures/rules", withExtension: nil)!
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["common.yaml", "se.yaml"] {
            var text = try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
            text = text.replacingOccurrences(of: "title: Help to find or change job",
                                              with: #"title: "Help <b>to</b> find & 'change' job""#)
            // A new job found with the Agency ends the old one: the Agency and Social Insurance wait for each other.
            text = text.replacingOccurrences(of: "    requires:\n      - service: se.social_insurance.referral_to_employment",
                                              with: "    effects: [{fact: employment.steady_job, becomes: false}]\n    requires:\n      - service: se.social_insurance.referral_to_employment")
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let service = CaseService(store: try CaseStore(path: temporaryDatabasePath()), engine: try Engine(rules: [folder.path]))
        let router = Router()
        router.addRoutes(try Workspace(service: service).routes(context: BasicRequestContext.self))
        return (router, service)
    }

    static func svg(in html: String) -> String? {
        guard let start = html.range(of: "<svg "), let end = html.range(of: "</svg>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    @Test func theCasePageAndThePrintViewDrawTheDeadlock() async throws {
        let (router, service) = try Self.router()
        _ = try await service.create(label: "Trap-1", facts: trapFacts(income: 340_000), by: .test)
        try await Application(router: router).test(.router) { client in
            let page = String(buffer: try await client.execute(uri: "/cases/1", method: .get).body)
            let svg = try #require(Self.svg(in: page), "\(page.suffix(4000))")
            let job = "Help &lt;b&gt;to&lt;/b&gt; find &amp; &#39;change&#39; job"
            #expect(svg.hasPrefix(#"<svg xmlns="http://www.w3.org/2000/svg" class="deadlock-diagram" id="deadlock-1" role="img" aria-labelledby="deadlock-1-title deadlock-1-desc" viewBox="0 0 "#))
            #expect(svg.contains(#"<title id="deadlock-1-title">Deadlock: \#(job) → Referral to the Employment Agency → \#(job)</title>"#))
            // Nothing of the title is markup.
            #expect(!svg.contains("<b>"))
            // Two boxes, each headed by its agency.
            #expect(svg.components(separatedBy: #"<g class="agency"><rect "#).count == 3)
            #expect(svg.contains(##"font-weight="700" fill="#1d2330">Employment Agency</text>"##))
            #expect(svg.contains(##"font-weight="700" fill="#1d2330">(SE)</text>"##))
            #expect(svg.contains(##"font-weight="700" fill="#1d2330">Social Insurance</text>"##))
            #expect(svg.contains(##"font-weight="700" fill="#1d2330">Agency (SE)</text>"##))
            // Two arrows, each with what it waits for.
            #expect(svg.components(separatedBy: #"marker-end="url(#deadlock-1-arrow)""#).count == 3)
            #expect(svg.contains(##"fill="#4a1457">needs it first: While on sick</text>"##))
            #expect(svg.contains(##"fill="#4a1457">leave the Agency acts only on</text>"##))
            #expect(svg.contains(##"fill="#4a1457">needs Has a permanent</text>"##))
            #expect(svg.contains(##"fill="#4a1457">position: no</text>"##))
            // The way out beside, with its cost.
            #expect(svg.contains(##"font-weight="700" fill="#7a5a00">Ways out</text>"##))
            #expect(svg.contains(##"fill="#1d2330">a. Patient: Resign from the</text>"##))
            #expect(svg.contains(##"fill="#1d2330">steady job</text>"##))
            #expect(svg.contains(##"fill="#7a3b00">Cost: Loses the income-based</text>"##))
            // The same in words.
            #expect(svg.contains(#"<desc id="deadlock-1-desc">\#(job) (Employment Agency (SE)) and Referral to the Employment Agency (Social Insurance Agency (SE)) wait for each other. \#(job) needs Referral to the Employment Agency first: While on sick leave the Agency acts only on a referral. Referral to the Employment Agency needs "#))
            #expect(svg.contains("Ways out: a. Patient: Resign from the steady job (cost: Loses the income-based sickness benefit).</desc>"))

            let print = String(buffer: try await client.execute(uri: "/cases/1/print", method: .get).body)
            let heading = try #require(print.range(of: "<h2>Deadlock: Employment Agency (SE) ↔ Social Insurance Agency (SE)</h2>\n"))
            #expect(print[heading.upperBound...].hasPrefix(#"<figure class="diagram"><svg xmlns="http://www.w3.org/2000/svg" class="deadlock-diagram" id="deadlock-1""#))
            #expect(Self.svg(in: print) == svg)
        }
    }

    @Test func eachLinkGetsTheReasonsThatBeginWithTheOneWhoWaits() throws {
        let engine = try BundledRules.engine()
        let patient = try engine.decoder.decode(SourceText(name: "p", text: """
            {"id": "p-1", "jurisdiction": "SE", "age": 45, "employment": {"status": "sick_leave", "steady_job": true, "sick_leave_start": "2026-05-07"},
             "income": {"annual": 320000}, "network": {"case_manager": true}}
            """))
        let report = try engine.report(for: patient, asOf: Day(iso: "2026-11-23"))
        let deadlock = try #require(report.deadlocks.first)
        let links = DeadlockDiagram.links(deadlock)
        #expect(links.map { "\($0.from)→\($0.to)" } == ["0→1", "1→0"])
        #expect(links.allSatisfy { !$0.reasons.isEmpty })
        #expect(links.flatMap(\.reasons) == deadlock.edges.map(\.text))
        let diagram = DeadlockDiagram(deadlock, number: 2, library: engine.library)
        #expect(diagram.id == "deadlock-2")
        #expect(diagram.boxes.map { $0.agency.map(\.text) } == [["Employment Agency", "(SE)"], ["Social Insurance", "Agency (SE)"]])
        #expect(diagram.ways.first?.text.hasPrefix("a. Case manager: ") == true)
        #expect(diagram.ways.map(\.text).joined(separator: " ").contains("b. Patient: Resign from the steady job"))
        // Everything inside the picture.
        for text in diagram.boxes.flatMap({ $0.agency + $0.lines }) + diagram.arrows.flatMap(\.lines) + diagram.ways + diagram.waysDetails {
            #expect(text.x >= 0 && text.x <= diagram.width && text.y > 0 && text.y <= diagram.height, "\(text)")
        }
    }

    @Test func longWordsWrapAndAreCutWithAnEllipsis() {
        #expect(DeadlockDiagram.wrap("one two three four five six", width: 9, lines: 2) == ["one two", "three…"])
        #expect(DeadlockDiagram.wrap("short", width: 9, lines: 2) == ["short"])
        #expect(DeadlockDiagram.wrap("abcdefghijklmnop", width: 9, lines: 1) == ["abcdefgh…"])
    }
}

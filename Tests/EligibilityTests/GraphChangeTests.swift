import Foundation
import Testing
@testable import Eligibility

/// `graph --base --proposed`: the picture of a rule change. The proposed fixture drops the
/// step's condition that closed the Danish consent cycle, drops the costly way out, narrows
/// a Swedish requirement's condition and adds a service that requires another.
@Suite("graph of a rule change", .serialized)
struct GraphChangeTests {
    static let base = "Tests/EligibilityTests/Fixtures/graph"
    static let proposed = "Tests/EligibilityTests/Fixtures/graph-proposed"

    static func change(_ from: String = base, _ to: String = proposed, all: Bool = false) throws -> ServiceGraph {
        let engines = try [from, to].map { try Engine(rules: [Fixture.packageRoot.appendingPathComponent($0).path]) }
        return ServiceGraph(base: ServiceGraph(engines[0].program), proposed: ServiceGraph(engines[1].program), all: all)
    }

    static func marks(_ graph: ServiceGraph) -> [String] {
        graph.edges.map { "\($0.from) -> \($0.to): \($0.change.rawValue), cycle \($0.cycleChange.rawValue)" }
    }

    @Test("Links that appear, vanish or change, and the cycle that vanishes, are marked; unchanged ones are left out")
    func marksWhatChanged() throws {
        let graph = try Self.change()
        #expect(Self.marks(graph) == [
            "dk.t.social -> dk.t.sharing: same, cycle vanishes",
            "se.t.support -> se.t.sip: changed, cycle same",
            "se.t.housing -> se.t.support: appears, cycle same",
            "dk.t.sharing -> dk.t.sign: same, cycle vanishes",
            "dk.t.sharing -> dk.t.override: vanishes, cycle same",
            "dk.t.sign -> dk.t.social: vanishes, cycle vanishes",
        ])
        #expect(graph.nodes.filter { $0.change != .same }.map { "\($0.id) \($0.change.rawValue)" }
                == ["se.t.housing appears", "dk.t.override vanishes"])
        let changed = try #require(graph.edges.first { $0.change == .changed })
        #expect(changed.was == ["requires, when (age is at most 29 or not (network.case_manager is true))"])
        #expect(changed.words == ["requires, when (age is at most 24 or not (network.case_manager is true))"])
        // dk.t.outpatient changed nothing it links to: not in the picture.
        #expect(!graph.nodes.contains { $0.id == "dk.t.outpatient" })
        // The whole union keeps it.
        #expect(try Self.change(all: true).nodes.contains { $0.id == "dk.t.outpatient" })
    }

    @Test("The other way round, the cycle appears and is drawn thick red")
    func aCycleThatAppears() throws {
        let graph = try Self.change(Self.proposed, Self.base)
        let closing = try #require(graph.edges.first { $0.from == "dk.t.sign" && $0.to == "dk.t.social" })
        #expect(closing.change == .appears)
        #expect(closing.cycleChange == .appears)
        #expect(ServiceGraph.changeMarks(closing).words == "new; joins a cycle: a deadlock appears")
        #expect(ServiceGraph.changeMarks(closing).attributes == ["color=\"#c62828\"", "fontcolor=\"#c62828\"", "penwidth=3"])
    }

    @Test("The same rules on both sides: an empty picture that says so")
    func nothingChanged() throws {
        let run = try Binary.run(["graph", "--base", Self.base, "--proposed", Self.base])
        #expect(run.status == 0)
        #expect(run.out.contains("label=\"Current against proposed rules: no service, step or link between them changed.\""))
        #expect(!run.out.contains("->"))
    }

    @Test("The DOT of the change matches the golden file; --country and --service narrow it")
    func goldenAndNarrowing() throws {
        let run = try Binary.run(["graph", "--base", Self.base, "--proposed", Self.proposed])
        #expect(run.status == 0)
        #expect(run.err.isEmpty)
        try GoldenTests.expectGolden(run.out, "graph-change.dot")
        let sweden = try Binary.run(["graph", "--base", Self.base, "--proposed", Self.proposed, "--country", "SE"])
        #expect(sweden.status == 0)
        #expect(!sweden.out.contains("dk.t."))
        #expect(sweden.out.contains("\"se.t.housing\" -> \"se.t.support\""))
        let around = try Binary.run(["graph", "--base", Self.base, "--proposed", Self.proposed, "--service", "se.t.sip"])
        #expect(around.out.contains("\"se.t.support\" -> \"se.t.sip\" [label=\"changed; was:"))
        #expect(!around.out.contains("se.t.housing"))
    }

    @Test("Bad combinations and unknown countries are refused with a reason and exit 2")
    func refusals() throws {
        for (arguments, message) in [
            (["--base", Self.base], "Error: --base and --proposed go together: the current and the proposed rules"),
            (["--rules", Self.base, "--base", Self.base, "--proposed", Self.proposed], "Error: --rules is for one rule set; a change picture takes --base and --proposed"),
            (["--all"], "Error: --all is for a change picture (--base and --proposed)"),
        ] {
            let run = try Binary.run(["graph"] + arguments)
            #expect(run.status == 2)
            #expect(run.err.hasPrefix(message), "\(run.err)")
        }
        let run = try Binary.run(["graph", "--rules", Self.base, "--country", "FI"])
        #expect(run.status == 2)
        #expect(run.err == "--country: error: no service or step of country 'FI'; the rules have DK, SE\n")
    }
}

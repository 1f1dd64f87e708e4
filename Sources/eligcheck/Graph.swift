import ArgumentParser
import Eligibility

extension ServiceGraph.Format: ExpressibleByArgument {}

struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Services and the steps people take, with what each waits for: who waits for whom, and the cycles where patients deadlock.",
        discussion: "With --base and --proposed: the picture of a rule change, links that appear and vanish and cycles that appear and vanish marked; only what changed unless --all.")

    @Option(help: "dot (Graphviz), mermaid, or svg (laid out by Graphviz's dot, which must be installed).")
    var format: ServiceGraph.Format = .dot

    @Option(help: ArgumentHelp("Only this service's neighbourhood: what it waits for, and what waits for it.", valueName: "ID"))
    var service: String?

    @Option(help: ArgumentHelp("Only this country's services and steps (DK, SE or NO), with the common ones linked to them.", valueName: "CC"))
    var country: String?

    @Option(help: ArgumentHelp("The current rules of a change picture (with --proposed).", valueName: "DIR"))
    var base: [String] = []

    @Option(help: ArgumentHelp("The proposed rules of a change picture (with --base).", valueName: "DIR"))
    var proposed: [String] = []

    @Flag(help: "In a change picture, everything, not only what changed.")
    var all = false

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The rules as they read on this date (dated criteria; default: today).", valueName: "DATE"))
    var asOf: Day?

    @Option(name: .customLong("as-of-proposed"), help: ArgumentHelp("In a change picture, the proposed rules as they read on this date (default: --as-of).", valueName: "DATE"))
    var asOfProposed: Day?

    @OptionGroup var rules: RuleOptions

    func validate() throws {
        if base.isEmpty != proposed.isEmpty { throw ValidationError("--base and --proposed go together: the current and the proposed rules") }
        if !base.isEmpty && !rules.folders.isEmpty { throw ValidationError("--rules is for one rule set; a change picture takes --base and --proposed") }
        if all && base.isEmpty { throw ValidationError("--all is for a change picture (--base and --proposed)") }
        if asOfProposed != nil && base.isEmpty { throw ValidationError("--as-of-proposed is for a change picture (--base and --proposed)") }
    }

    func run() throws {
        var graph: ServiceGraph
        let day = asOf ?? .today
        do {
            if base.isEmpty {
                graph = ServiceGraph(try rules.engine().periods.program(on: day))
            } else {
                let libraries = try RuleLibrary.load(libraries: [base, proposed])
                let current = ServiceGraph(Engine(library: libraries[0]).periods.program(on: day))
                let next = ServiceGraph(Engine(library: libraries[1]).periods.program(on: asOfProposed ?? day))
                graph = ServiceGraph(base: current, proposed: next, all: all || service != nil)
            }
            if let country { try graph.keepCountry(country) }
            if let service { try graph.keepNeighbourhood(of: service) }
        } catch let failure as LoadFailure {
            throw Terminal.fail(failure, code: 2)
        }
        switch format {
        case .dot: Terminal.out(graph.dot)
        case .mermaid: Terminal.out(graph.mermaid)
        case .svg:
            do {
                Terminal.out(try Graphviz.render(graph.dot))
            } catch {
                Terminal.error("\(error)")
                throw ExitCode(2)
            }
        }
    }
}

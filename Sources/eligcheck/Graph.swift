import ArgumentParser
import Eligibility

extension ServiceGraph.Format: ExpressibleByArgument {}

struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Services and the steps people take, with what each waits for: who waits for whom, and the cycles where patients deadlock.")

    @Option(help: "dot (Graphviz), mermaid, or svg (laid out by Graphviz's dot, which must be installed).")
    var format: ServiceGraph.Format = .dot

    @Option(help: ArgumentHelp("Only this service's neighbourhood: what it waits for, and what waits for it.", valueName: "ID"))
    var service: String?

    @OptionGroup var rules: RuleOptions

    func run() throws {
        let engine = try rules.engine()
        let graph: ServiceGraph
        do {
            graph = try service.map { id throws(LoadFailure) in try ServiceGraph(engine.program, around: id) } ?? ServiceGraph(engine.program)
        } catch {
            throw Terminal.fail(error, code: 2)
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

import ArgumentParser
import Eligibility

extension ServiceGraph.Format: ExpressibleByArgument {}

struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Agencies and services with their prerequisite edges: who waits for whom.")

    @Option(help: "dot (Graphviz) or mermaid.")
    var format: ServiceGraph.Format = .dot

    @OptionGroup var rules: RuleOptions

    func run() throws {
        let engine = try rules.engine()
        Terminal.out(ServiceGraph.render(engine.program, format: format))
    }
}

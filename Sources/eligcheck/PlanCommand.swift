import ArgumentParser
import Eligibility

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "The ordered steps across agencies: who does what, with documents and deadlines.")

    @Argument(help: "A patient file (YAML or JSON), or - for standard input.")
    var patient: String

    @Option(name: .customLong("service"), help: ArgumentHelp("Plan only for this service (repeatable).", valueName: "ID"))
    var services: [String] = []

    @Option(help: "Output format: text, json, markdown or html (one self-contained page).")
    var format: ReportFormat = .text

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Evaluation date YYYY-MM-DD.", valueName: "DATE"))
    var asOf: Day?

    @OptionGroup var rules: RuleOptions

    func run() throws {
        let engine = try rules.engine()
        let patient = try PatientInput.read(self.patient, engine: engine, asOf: asOf)
        do {
            try engine.checkServices(services, for: patient)
            let plan = try engine.meetingPlan(for: patient, asOf: asOf, services: services.isEmpty ? nil : services)
            Terminal.out(plan.rendered(as: format), as: format)
        } catch {
            throw Terminal.fail(error, code: 2)
        }
    }
}

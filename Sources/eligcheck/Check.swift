import ArgumentParser
import Eligibility

extension ReportFormat: ExpressibleByArgument {}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Which services a patient qualifies for, what is missing, and what blocks them.")

    @Argument(help: "A patient file (YAML or JSON), or - for standard input.")
    var patient: String?

    @Option(name: .customLong("service"), help: ArgumentHelp("Only this service (repeatable).", valueName: "ID"))
    var services: [String] = []

    @Option(help: "Output format: text (default), json or markdown; with --cohort: jsonl (default).")
    var format: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Evaluation date YYYY-MM-DD, for the patient or every cohort line (default: its as_of, else today).", valueName: "DATE"))
    var asOf: Day?

    @Option(help: ArgumentHelp("Evaluate a cohort (JSON Lines), one output line per patient.", valueName: "FILE.jsonl"))
    var cohort: String?

    @Flag(help: "The full trace: every reason with its rule line and source (text, markdown).")
    var verbose = false

    @Flag(help: "With --cohort: stop at the first bad line (exit 2).")
    var strict = false

    @OptionGroup var rules: RuleOptions

    func validate() throws {
        if cohort == nil && patient == nil { throw ValidationError("give a PATIENT file (or - for standard input), or --cohort FILE.jsonl") }
        if cohort != nil && patient != nil { throw ValidationError("give either a PATIENT or --cohort, not both") }
        let allowed = cohort == nil ? ["text", "json", "markdown"] : ["jsonl"]
        if let format, !allowed.contains(format) {
            throw ValidationError("--format must be one of \(allowed.joined(separator: ", ")); found '\(format)'")
        }
    }

    func run() throws {
        let engine = try rules.engine()
        if let cohort {
            try CohortCheckCommand.run(engine: engine, path: cohort, asOf: asOf, strict: strict)
            return
        }
        let patient = try PatientInput.read(self.patient ?? "-", engine: engine, asOf: asOf)
        let report: Report
        do {
            try engine.checkServices(services, for: patient)
            report = try engine.report(for: patient, asOf: asOf, services: services.isEmpty ? nil : services)
        } catch {
            throw Terminal.fail(error, code: 2)
        }
        Terminal.out(report.rendered(as: format.flatMap(ReportFormat.init(rawValue:)) ?? .text, verbose: verbose))
    }
}

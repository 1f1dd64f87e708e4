import Foundation
import ArgumentParser
import Eligibility

extension ReportFormat: ExpressibleByArgument {}
extension CohortFormat: ExpressibleByArgument {}

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

    @Option(help: ArgumentHelp("Evaluate a cohort (JSON Lines, or CSV with a header of fact names when the name ends in .csv), one output line per patient.", valueName: "FILE.jsonl|FILE.csv"))
    var cohort: String?

    @Option(name: .customLong("cohort-format"), help: ArgumentHelp("How the cohort is written: jsonl or csv (default: csv for a name ending in .csv, else jsonl; say csv for a CSV cohort on standard input).", valueName: "FORMAT"))
    var cohortFormat: CohortFormat?

    @Flag(help: "The full trace: every reason with its rule line and source (text, markdown).")
    var verbose = false

    @Flag(help: "With --cohort: stop at the first bad line (exit 2).")
    var strict = false

    @OptionGroup var rules: RuleOptions

    func validate() throws {
        if cohort == nil && patient == nil { throw ValidationError("give a PATIENT file (or - for standard input), or --cohort FILE.jsonl") }
        if cohort != nil && patient != nil { throw ValidationError("give either a PATIENT or --cohort, not both") }
        if cohort == nil && cohortFormat != nil { throw ValidationError("--cohort-format says how the --cohort file is written; give --cohort FILE") }
        let allowed = cohort == nil ? ["text", "json", "markdown"] : ["jsonl"]
        if let format, !allowed.contains(format) {
            throw ValidationError("--format must be one of \(allowed.joined(separator: ", ")); found '\(format)'")
        }
    }

    func run() throws {
        let engine = try rules.engine()
        if let cohort {
            try runCohort(cohort, engine: engine)
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
        let chosen = format.flatMap(ReportFormat.init(rawValue:)) ?? .text
        // Text and Markdown come with the input's control characters made visible, and the
        // alerts marked for a terminal (Terminal.style), from the library.
        Terminal.out(report.rendered(as: chosen, verbose: verbose, style: Terminal.style))
    }
}

extension Check {
    /// `check --cohort`: one JSON line per patient on standard output, bad lines and the
    /// summary on standard error.
    func runCohort(_ path: String, engine: Engine) throws {
        let check = CohortCheck(library: engine.library)
        let progress = Progress()
        var written = 0
        let output = FileHandle.standardOutput
        do {
            let summary = try check.run(path, format: cohortFormat, fixedDate: asOf, strict: strict, write: { bytes in
                output.write(Data(bytes))
                written += bytes.lazy.filter { $0 == 10 }.count
                if Terminal.isTerminal { progress.show(written) }
            }, badLine: { bad in
                Terminal.error("\(path):\(bad.line):\(bad.column): error: \(bad.message)")
            })
            progress.clear()
            Terminal.error("\(path): \(summary.linesRead) lines read, \(summary.evaluated) evaluated, \(summary.rejected) rejected")
        } catch {
            progress.clear()
            Terminal.error("\(error)")
            throw ExitCode(2)
        }
    }
}

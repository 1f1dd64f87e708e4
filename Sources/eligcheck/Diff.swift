import ArgumentParser
import Eligibility
import Foundation

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare current and proposed rules over a cohort: who gains, who loses, which deadlocks appear.")

    @Option(help: ArgumentHelp("The current rules (a folder, repeatable).", valueName: "DIR"))
    var base: [String]

    @Option(help: ArgumentHelp("The proposed rules (a folder, repeatable).", valueName: "DIR"))
    var proposed: [String]

    @Option(help: ArgumentHelp("Patients as JSON Lines, or as CSV with a header of fact names when the name ends in .csv; - for standard input.", valueName: "FILE.jsonl|FILE.csv"))
    var cohort: String

    @Option(name: .customLong("cohort-format"), help: ArgumentHelp("How the cohort is written: jsonl or csv (default: csv for a name ending in .csv, else jsonl; say csv for a CSV cohort on standard input).", valueName: "FORMAT"))
    var cohortFormat: CohortFormat?

    @Option(help: "text, json or html (one self-contained page).")
    var format: String = "text"

    @Flag(help: "Show every service, not only those whose status changes for some patient.")
    var all = false

    @Option(name: .customLong("by"), help: ArgumentHelp("Break the figures down by a yes/no or one-of fact (given or derived), or age_band (repeatable).", valueName: "FACT"))
    var breakdowns: [String] = []

    @Option(parsing: .unconditional, help: ArgumentHelp("Example patient ids per transition.", valueName: "N"))
    var examples: Int = 5

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Evaluate every line on this date, whatever its as_of says (default: each line's as_of, else today).", valueName: "DATE"))
    var asOf: Day?

    @Option(name: .customLong("as-of-proposed"), help: ArgumentHelp("Evaluate every line on this date under the proposed rules (compare one rule folder on two dates: --base rules --as-of 2026-12-31 --proposed rules --as-of-proposed 2027-01-01).", valueName: "DATE"))
    var asOfProposed: Day?

    // `.unconditional`: the next word is the value even when it starts with a dash, so
    // `--threads -1` is told it must be at least 1, not that its value is missing.
    @Option(parsing: .unconditional, help: ArgumentHelp("Worker threads (default: all cores).", valueName: "N"))
    var threads: Int?

    @Flag(help: "Stop at the first bad line (exit 2).")
    var strict = false

    @Option(help: ArgumentHelp("Write every rejected line here, as JSON Lines {line, column, error} (readable only by you).", valueName: "FILE"))
    var rejected: String?

    @Option(help: ArgumentHelp("Only this patient of the cohort: both rule sets side by side, the services that change and the rule lines whose outcome differs.", valueName: "ID"))
    var explain: String?

    func validate() throws {
        guard ["text", "json", "html"].contains(format) else { throw ValidationError("--format must be text, json or html; found '\(format)'") }
        if explain != nil && (cohortFormat ?? CohortFormat(path: cohort)) == .csv {
            throw ValidationError("--explain finds its patient in a JSON Lines cohort, not yet in a CSV one; give the cohort as JSON Lines to explain a patient")
        }
        if explain != nil && format == "html" { throw ValidationError("--explain prints text or json, not html") }
        if explain != nil && !breakdowns.isEmpty { throw ValidationError("--explain shows one patient; --by breaks down the whole cohort") }
        guard examples >= 0 else { throw ValidationError("--examples must be 0 or more") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        if let explain { return try explainPatient(explain) }
        let diff: CohortDiff
        let libraries: [RuleLibrary]
        do throws(LoadFailure) {
            libraries = try RuleLibrary.load(libraries: [base, proposed])
            diff = try CohortDiff(base: libraries[0], proposed: libraries[1])
        } catch {
            throw Terminal.fail(error, code: 2)
        }
        var options = CohortDiff.Options()
        options.examples = examples
        options.strict = strict
        options.by = breakdowns
        options.format = cohortFormat
        options.fixedDate = asOf
        options.proposedDate = asOfProposed
        if let threads { options.workers = threads }
        let progress = Progress()
        let report: DiffReport
        do {
            var callback: (@Sendable (Int) -> Void)?
            if Terminal.isTerminal { callback = { progress.show($0) } }
            var list: RejectedLines?
            if let rejected { list = try RejectedLines(path: rejected) }
            report = try diff.run(cohort, options: options, progress: callback, rejected: list.map { list in { list.add($0) } })
            try list?.close()
        } catch {
            progress.clear()
            Terminal.error("\(error)")
            throw ExitCode(2)
        }
        progress.clear()
        let names = (base.joined(separator: ", "), proposed.joined(separator: ", "))
        switch format {
        case "json": Terminal.out(report.json(base: names.0, proposed: names.1, all: all))
        case "html": Terminal.out(report.html(base: names.0, proposed: names.1, all: all, picture: changePicture(libraries)))
        default: Terminal.out(report.text(base: names.0, proposed: names.1, all: all), as: .text)
        }
        Terminal.error("\(cohort): \(report.linesRead) lines read, \(report.evaluated) evaluated, \(report.rejected) rejected")
    }
}

extension Diff {
    /// `--explain ID`: the patient's line found in the cohort, checked by the reference
    /// engine under both rule sets.
    func explainPatient(_ id: String) throws {
        let change: PatientChange?
        do throws(LoadFailure) {
            let libraries = try RuleLibrary.load(libraries: [base, proposed])
            let engines = libraries.map { Engine(library: $0) }
            // A fact only one rule set declares is unknown to the other, not an error.
            let decoder = PatientDecoder(catalog: libraries[0].catalog.merging(libraries[1].catalog))
            change = try CohortLineFinder.patient(id: id, in: cohort, decoder: decoder).map { found throws(LoadFailure) in
                try PatientChange(patient: found.patient, line: found.line, base: engines[0], proposed: engines[1], asOf: asOf,
                                 proposedAsOf: asOfProposed)
            }
        } catch {
            throw Terminal.fail(error, code: 2)
        }
        guard let change else {
            Terminal.error("\(cohort): error: no patient with id '\(id)' in the cohort")
            throw ExitCode(2)
        }
        let names = (base.joined(separator: ", "), proposed.joined(separator: ", "))
        if format == "json" {
            Terminal.out(change.json(cohort: cohort, base: names.0, proposed: names.1))
        } else {
            Terminal.out(change.text(cohort: cohort, base: names.0, proposed: names.1), as: .text)
        }
    }
}

extension Diff {
    /// The HTML report's picture of who waits for whom under the change: the change graph
    /// as SVG when Graphviz is installed, else a line saying how to get it.
    func changePicture(_ libraries: [RuleLibrary]) -> String {
        let day = asOf ?? .today
        let graph = ServiceGraph(base: ServiceGraph(Engine(library: libraries[0]).periods.program(on: day)),
                                 proposed: ServiceGraph(Engine(library: libraries[1]).periods.program(on: asOfProposed ?? day)))
        // The folders as typed, made safe inside HTML.
        let command = "eligcheck graph --base \(base.joined(separator: " ")) --proposed \(proposed.joined(separator: " ")) --format svg"
            .replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        guard !graph.edges.isEmpty || !graph.nodes.isEmpty else {
            return "<p>The change leaves who waits for whom as it was: no service, step or link between them is new, gone or changed.</p>\n"
        }
        guard Graphviz.executable() != nil, let svg = try? Graphviz.render(graph.dot), let start = svg.range(of: "<svg") else {
            return "<p>Graphviz's <code>dot</code> is not installed here, so the picture is not drawn; <code>\(command)</code> draws it where it is.</p>\n"
        }
        return "<figure class=\"change-graph\">" + svg[start.lowerBound...] + "<figcaption>Drawn by <code>\(command)</code>.</figcaption></figure>\n"
    }
}

import ArgumentParser
import Eligibility
import Foundation

struct InterviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interview",
        abstract: "Ask the open questions one at a time, the one that decides most first, and save the answers.",
        discussion: "Answers come from the terminal or, one per line, from standard input; ? leaves a fact unknown.")

    @Argument(help: "A patient file (YAML or JSON).")
    var patient: String

    @Option(name: .customLong("service"), help: ArgumentHelp("Decide only this service (repeatable; default: all of the patient's country).", valueName: "ID"))
    var services: [String] = []

    @Option(help: ArgumentHelp("Write the completed patient file here (YAML, readable only by you).", valueName: "FILE"))
    var output: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Evaluation date YYYY-MM-DD.", valueName: "DATE"))
    var asOf: Day?

    @OptionGroup var rules: RuleOptions

    func validate() throws {
        if patient == "-" { throw ValidationError("the answers come from standard input, so the patient must be a file") }
    }

    func run() throws {
        let engine = try rules.engine()
        var interview: Interview
        do {
            interview = try Interview(engine: engine, patient: try PatientInput.read(patient, engine: engine), asOf: asOf,
                                      services: services.isEmpty ? nil : services)
        } catch let failure as LoadFailure {
            throw Terminal.fail(failure, code: 2)
        }
        let echo = isatty(STDIN_FILENO) == 0
        var line = 0
        var asked = 0
        var ending = "the chosen services are decided."
        Terminal.out("Interview for patient \(interview.patient.id ?? "(no id)"). Type the answer and Enter; ? if not known.\n")
        // Acute risk stops the interview at once: the acute route comes before any question
        // about a planned service.
        var acute = interview.acuteRoute()
        asking: while acute == nil, let question = interview.next() {
            asked += 1
            Terminal.out("\n" + interview.prompt(question, number: asked))
            while true {
                guard let typed = readLine() else {
                    Terminal.out("\n")
                    ending = "the answers ended."
                    break asking
                }
                line += 1
                if echo { Terminal.out(typed + "\n") }
                do {
                    try interview.answer(typed, to: question)
                    acute = interview.acuteRoute()
                    break
                } catch {
                    Terminal.error("<stdin>:\(line): error: \(error)")
                    Terminal.out("   [\(question.answerForm), ? = don't know] > ")
                }
            }
        }
        if ending.hasPrefix("the chosen"), !interview.unknown.isEmpty, interview.next() == nil,
           interview.report()?.services.contains(where: { $0.status == .needs_info }) == true {
            ending = "only questions answered \"don't know\" remain."
        }
        if let acute {
            ending = "acute risk. Use the acute route now; the planned services come after the acute assessment."
            Terminal.out("\n" + Terminal.alert(acute.textBlock))
        }
        Terminal.out("\nStopped: \(ending)\n\n")
        if let report = interview.report() {
            Terminal.out(BottomLine(report).text(style: Terminal.style))
        }
        let known = interview.answered.count
        let summary = "\(known) answer\(known == 1 ? "" : "s"), \(interview.unknown.count) not known"
        guard let output else {
            Terminal.out("\n\(summary); nothing written (use --output FILE to save the patient file).\n")
            return
        }
        try PrivateFile.write(interview.patientFile, to: output)
        Terminal.out("\n\(summary); the patient file is written to \(output).\n")
    }
}

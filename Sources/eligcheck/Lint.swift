import ArgumentParser
import Eligibility

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load and check the rule files: every problem, at file:line:column.")

    @OptionGroup var rules: RuleOptions

    func run() throws {
        let library: RuleLibrary
        do {
            library = try RuleLibrary.load(from: rules.paths)
        } catch {
            report(error.diagnostics)
            // Rules that cannot be found or read are bad input (2); rules read and found wrong are what lint reports (1).
            throw ExitCode(error.cause == .unreadable ? 2 : 1)
        }
        // The rules work without these, but a person would be left short (a fact without a question).
        guard library.lintProblems.isEmpty else {
            report(library.lintProblems)
            throw ExitCode(1)
        }
        let tests = library.ruleSets.reduce(0) { $0 + $1.tests.count }
        Terminal.out("\(library.files.count) rule files, \(library.services.count) services, \(library.actions.count) actions, \(tests) tests: no problems\n")
    }

    private func report(_ problems: [Diagnostic]) {
        Terminal.error(LoadFailure(problems).description)
        Terminal.error("\(problems.count) problem\(problems.count == 1 ? "" : "s")")
    }
}

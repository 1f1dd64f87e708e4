import ArgumentParser
import Eligibility

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load and check the rule files: every problem, at file:line:column.")

    @OptionGroup var rules: RuleOptions

    func run() throws {
        do {
            let library = try RuleLibrary.load(from: rules.paths)
            let tests = library.ruleSets.reduce(0) { $0 + $1.tests.count }
            Terminal.out("\(library.files.count) rule files, \(library.services.count) services, \(library.actions.count) actions, \(tests) tests: no problems\n")
        } catch {
            Terminal.error(error.description)
            Terminal.error("\(error.diagnostics.count) problem\(error.diagnostics.count == 1 ? "" : "s")")
            // Rules that cannot be found or read are bad input (2); rules read and found wrong are what lint reports (1).
            throw ExitCode(error.cause == .unreadable ? 2 : 1)
        }
    }
}

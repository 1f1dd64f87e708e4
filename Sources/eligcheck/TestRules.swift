import ArgumentParser
import Eligibility

struct TestRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the tests written inside the rule sets.")

    @OptionGroup var rules: RuleOptions

    func run() throws {
        let library: RuleLibrary
        do {
            library = try RuleLibrary.load(from: rules.paths)
        } catch {
            Terminal.error(error.description)
            // As for lint: rules that cannot be found or read are bad input.
            throw ExitCode(error.cause == .unreadable ? 2 : 1)
        }
        let results = RuleTestRunner(engine: Engine(library: library)).run()
        for result in results where !result.passed {
            Terminal.out("FAIL \(result.origin.file):\(result.origin.location.line): \(result.name)\n")
            for failure in result.failures { Terminal.out("  \(failure)\n") }
        }
        let failed = results.filter { !$0.passed }.count
        Terminal.out("\(results.count - failed) passed, \(failed) failed\n")
        if failed > 0 { throw ExitCode(1) }
    }
}

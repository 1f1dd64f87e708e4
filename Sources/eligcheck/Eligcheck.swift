import ArgumentParser
import Eligibility
import Foundation

@main
struct Eligcheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eligcheck",
        abstract: "Referral and eligibility checks for patients with mental illness in Denmark, Sweden and Norway.",
        discussion: "eligcheck --version [--rules DIR] prints the tool's version and the rules' versions. Exit status: 0 success, 1 the command ran and found problems, 2 bad usage or bad input.",
        subcommands: [Check.self, PlanCommand.self, InterviewCommand.self, Lint.self, TestRules.self, Diff.self, Graph.self, Serve.self, Audit.self]
    )

    /// Runs the command; ArgumentParser's usage errors exit with 2, as the contract says.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "--version" {
            // Before parsing: the rules' versions are read from the rule files.
            let (text, status) = VersionText.render(arguments: Array(arguments.dropFirst()))
            Terminal.out(text)
            Foundation.exit(status)
        }
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            Terminal.error(fullMessage(for: error))
            Foundation.exit(2)
        }
    }
}

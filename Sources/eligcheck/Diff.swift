import ArgumentParser
import Eligibility

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare current and proposed rules over a cohort: who gains, who loses, which deadlocks appear.")

    func run() throws {
        Terminal.error("diff: not built yet")
        throw ExitCode(2)
    }
}

enum CohortCheck {
    static func run(engine: Engine, path: String, asOf: Day?, strict: Bool) throws {
        Terminal.error("check --cohort: not built yet")
        throw ExitCode(2)
    }
}

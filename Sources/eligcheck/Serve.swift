import ArgumentParser
import Eligibility
import EligibilityServer
import EligibilityWorkspace
import Foundation
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the checks over HTTP: the JSON API, CDS Hooks 2.0 for record systems, and the case manager's workspace at /.",
        discussion: "Listens on 127.0.0.1 unless told otherwise; any other address needs --token-file. SIGHUP reloads the rules; SIGINT or SIGTERM stop the server after the requests in flight.")

    @Option(help: "The address to listen on (127.0.0.1 unless a token file is given).")
    var host = "127.0.0.1"

    @Option(help: "The TCP port (0: any free port).")
    var port = 8080

    @Option(name: .customLong("token-file"), help: ArgumentHelp("A file holding the bearer token every request must carry; required off loopback.", valueName: "F"))
    var tokenFile: String?

    @Option(name: .customLong("io-threads"), parsing: .unconditional, help: ArgumentHelp("The threads that read requests and write answers; checks run on one thread per core besides.", valueName: "N"))
    var ioThreads = 1

    @Option(help: ArgumentHelp("The workspace's case database (created with its folder, readable by you only, when absent).", valueName: "PATH"))
    var db = CaseStore.defaultPath

    @Option(name: .customLong("order-map"), help: ArgumentHelp("The map from order codes, receiving organisations and words to services; default: the bundled orders/order-map.yaml.", valueName: "FILE"))
    var orderMap: String?

    @Option(name: .customLong("default-country"), help: ArgumentHelp("The country (DK, SE or NO) of a patient whose address and identifiers name none; default: unknown.", valueName: "CC"))
    var defaultCountry: String?

    @OptionGroup var rules: RuleOptions

    func run() async throws {
        let settings = try settings()
        // Refused at start rather than answered 500 later: the binary was moved without its resources.
        if case .failure(let missing) = OpenAPIDocument.bundled {
            Terminal.error("error: \(missing)")
            throw ExitCode(2)
        }
        CheckerServer.useIOThreads(settings.ioThreads)
        let engines = try rules.engines(count: CheckerServer.checkLanes)
        let engine = engines[0]
        ProcessMemory.keepFreedMemoryForReuse()
        LoggingSystem.bootstrap(ServerLogHandler.standardError)
        // The log's last lines are out before the process ends, however `run` ends.
        defer { StandardErrorWriter.shared.flush() }
        var logger = Logger(label: "eligcheck.serve")
        logger.logLevel = .info
        let current = CurrentRules(engines: engines, paths: rules.paths)
        let router = CheckerServer.router(rules: current, settings: settings, record: try record(engine.library))
        let (cases, lock) = try await workspace(engine: engine, logger: logger)
        router.addRoutes(try Workspace(service: cases).routes(context: EligibilityRequestContext.self))
        let reload = RulesReloadService(rules: current, logger: logger)
        let app = CheckerServer.application(router: router, settings: settings, services: [reload], logger: logger)
        let reloads = await current.editions().map(\.engine)
        let following = Task { await cases.follow(reloads) }
        defer { following.cancel() }
        // The lock is held until the server has stopped.
        defer { withExtendedLifetime(lock) {} }
        try await app.runService()
    }

    /// The case store at `--db`, its cases evaluated under the rules in force (they may be
    /// new), and this process's lock on it, to be held while the server runs.
    private func workspace(engine: Engine, logger: Logger) async throws -> (CaseService, CaseStoreLock) {
        do {
            // Before the store is opened: a second server must not even re-evaluate the cases.
            let lock = try CaseStoreLock(databasePath: db)
            let cases = CaseService(store: try CaseStore(path: db), engine: engine, logger: logger)
            try await cases.rulesChanged(to: engine)
            return (cases, lock)
        } catch {
            StandardErrorWriter.shared.flush()
            Terminal.error("\(error)")
            throw ExitCode(2)
        }
    }

    /// The order map (validated against the rules) and the default country, or every
    /// problem at its line and column (exit 2).
    private func record(_ library: RuleLibrary) throws -> RecordSettings {
        let path = orderMap ?? BundledRules.orderMap
        do {
            return try RecordSettings(orderMap: try OrderMap.load(path: path, library: library), defaultCountry: defaultCountry,
                                      countries: library.jurisdictions)
        } catch let failure as LoadFailure {
            throw Terminal.fail(failure, code: 2)
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(2)
        }
    }

    /// The listening settings, or a usage error (exit 2) naming what is wrong.
    private func settings() throws -> ServerSettings {
        var token: String?
        if let tokenFile {
            guard let data = FileManager.default.contents(atPath: tokenFile) else {
                Terminal.error("\(tokenFile): error: cannot read the token file")
                throw ExitCode(2)
            }
            token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        do {
            return try ServerSettings(host: host, port: port, token: token, ioThreads: ioThreads)
        } catch {
            Terminal.error("error: \(error.description)")
            throw ExitCode(2)
        }
    }
}

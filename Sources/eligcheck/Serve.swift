import ArgumentParser
import Eligibility
import EligibilityServer
import EligibilityWorkspace
import Foundation
import Logging
import ServiceLifecycle

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

    @Option(help: ArgumentHelp("The workspace's case database: a SQLite file (created with its folder, readable by you only, when absent), or postgres://USER@HOST:PORT/DATABASE?sslmode=disable|require|verify-full for a PostgreSQL several servers share (password in PGPASSWORD).", valueName: "PATH|URL"))
    var db = CaseStore.defaultPath

    @Option(name: .customLong("order-map"), help: ArgumentHelp("The map from order codes, receiving organisations and words to services; default: the bundled orders/order-map.yaml.", valueName: "FILE"))
    var orderMap: String?

    @Option(name: .customLong("default-country"), help: ArgumentHelp("The country (DK, SE or NO) of a patient whose address and identifiers name none; default: unknown.", valueName: "CC"))
    var defaultCountry: String?

    @Option(name: .customLong("cds-clients"), help: ArgumentHelp("The record systems allowed to call CDS Hooks, each with the issuer and JWK Set of the JWTs it signs (CDS Hooks 2.0); without it, CDS Hooks calls need the bearer token like the JSON API.", valueName: "FILE"))
    var cdsClients: String?

    @Option(name: .customLong("cds-port"), help: ArgumentHelp("A port of its own for CDS Hooks (discovery, services, feedback, /healthz), apart from the JSON API and the workspace.", valueName: "N"))
    var cdsPort: Int?

    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("Serve HTTPS with this PEM certificate chain (with --tls-key).", valueName: "FILE"))
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp("The PEM private key of --tls-cert.", valueName: "FILE"))
    var tlsKey: String?

    @Option(name: .customLong("cors-origin"), help: ArgumentHelp("An origin (https://host[:port]) whose scripts may call the JSON API and CDS Hooks; repeatable.", valueName: "ORIGIN"))
    var corsOrigins: [String] = []

    @Option(name: .customLong("oidc-issuer"), help: ArgumentHelp("Sign members in to the workspace with OpenID Connect at this issuer (https; http only on loopback). Needs --oidc-client-id, --oidc-client-secret-file and --public-url. Without it the workspace has one local user and no sign-in.", valueName: "URL"))
    var oidcIssuer: String?

    @Option(name: .customLong("oidc-client-id"), help: ArgumentHelp("This server's client id at the identity provider.", valueName: "ID"))
    var oidcClientId: String?

    @Option(name: .customLong("oidc-client-secret-file"), help: ArgumentHelp("A file holding the client secret.", valueName: "F"))
    var oidcClientSecretFile: String?

    @Option(name: .customLong("public-url"), help: ArgumentHelp("The workspace's address as browsers reach it; the provider sends members back to <URL>/signin/callback.", valueName: "URL"))
    var publicURL: String?

    @Option(name: .customLong("oidc-roles-claim"), help: ArgumentHelp("The ID token claim that lists a member's roles: case_manager, reader, admin.", valueName: "NAME"))
    var oidcRolesClaim = "eligcheck_roles"

    @Option(name: .customLong("oidc-teams-claim"), help: ArgumentHelp("The ID token claim that lists a member's teams.", valueName: "NAME"))
    var oidcTeamsClaim = "groups"

    @Option(name: .customLong("oidc-trust"), help: ArgumentHelp("PEM CA certificates to trust for the identity provider's HTTPS, besides the system's.", valueName: "FILE"))
    var oidcTrust: String?

    @OptionGroup var rules: RuleOptions

    func run() async throws {
        var settings = try settings()
        let signIn = try signInSettings()
        if signIn != nil { settings.sessionPaths = { Workspace.isWorkspacePath($0) } }
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
        let trust = try clientTrust()
        let router = CheckerServer.router(rules: current, settings: settings, record: try record(engine.library), clientTrust: trust)
        let (cases, database) = try await workspace(engine: engine, logger: logger)
        let provider = signIn.map(OpenIDProvider.init(settings:))
        router.addRoutes(try Workspace(service: cases, signIn: provider).routes(context: EligibilityRequestContext.self))
        var services: [any ServiceLifecycle.Service] = [RulesReloadService(rules: current, logger: logger)]
        if let cdsPort = settings.cdsPort {
            let cdsRouter = CheckerServer.cdsRouter(rules: current, settings: settings, record: try record(engine.library), clientTrust: trust)
            services.append(try CheckerServer.application(router: cdsRouter, settings: settings, port: cdsPort, logger: logger))
        }
        let app = try CheckerServer.application(router: router, settings: settings, services: services, logger: logger)
        let reloads = await current.editions().map(\.engine)
        let following = Task { await cases.follow(reloads) }
        defer { following.cancel() }
        // A SQLite file's lock is held until the server has stopped.
        defer { withExtendedLifetime(database) {} }
        do {
            try await app.runService()
        } catch {
            await trust?.shutdown()
            await provider?.shutdown()
            await database.close()
            throw error
        }
        await trust?.shutdown()
        await provider?.shutdown()
        await database.close()
    }

    /// The sign-in settings of the --oidc-* options, or a usage error (exit 2) naming what is missing or wrong.
    private func signInSettings() throws -> SignInSettings? {
        guard let oidcIssuer else {
            if oidcClientId != nil || oidcClientSecretFile != nil || publicURL != nil {
                Terminal.error("error: --oidc-client-id, --oidc-client-secret-file and --public-url are for sign-in: give --oidc-issuer too")
                throw ExitCode(2)
            }
            return nil
        }
        guard let oidcClientId, let oidcClientSecretFile, let publicURL else {
            Terminal.error("error: sign-in with --oidc-issuer needs --oidc-client-id, --oidc-client-secret-file and --public-url")
            throw ExitCode(2)
        }
        guard let data = FileManager.default.contents(atPath: oidcClientSecretFile) else {
            Terminal.error("\(oidcClientSecretFile): error: cannot read the client secret file")
            throw ExitCode(2)
        }
        do {
            var settings = try SignInSettings(issuer: oidcIssuer, clientId: oidcClientId,
                                              clientSecret: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines),
                                              publicURL: publicURL)
            settings.rolesClaim = oidcRolesClaim
            settings.teamsClaim = oidcTeamsClaim
            settings.trustFile = oidcTrust
            return settings
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(2)
        }
    }

    /// The CDS clients of `--cds-clients`, or every problem of the file at its place (exit 2).
    private func clientTrust() throws -> CDSClientTrust? {
        guard let cdsClients else { return nil }
        do {
            return CDSClientTrust(try CDSClients.load(path: cdsClients))
        } catch {
            throw Terminal.fail(error, code: 2)
        }
    }

    /// The case store at `--db`, its cases evaluated under the rules in force (they may be
    /// new), and the open database (with a SQLite file's lock), to be held while the server runs.
    private func workspace(engine: Engine, logger: Logger) async throws -> (CaseService, CaseDatabase) {
        do {
            let database = try await CaseDatabase.open(db, serving: true, logger: logger)
            let cases = CaseService(store: database.records, engine: engine, logger: logger)
            try await cases.rulesChanged(to: engine)
            return (cases, database)
        } catch {
            StandardErrorWriter.shared.flush()
            Terminal.error(CaseDatabase.describe(error))
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
            var settings = try ServerSettings(host: host, port: port, token: token, ioThreads: ioThreads)
            if let cdsPort { try settings.listenForCDSHooks(on: cdsPort) }
            try settings.allowOrigins(corsOrigins)
            switch (tlsCert, tlsKey) {
            case (let certificate?, let key?): settings.tls = try ServerTLS(certificate: certificate, key: key)
            case (nil, nil): break
            default: throw SettingsError("--tls-cert and --tls-key go together: the certificate and its private key")
            }
            return settings
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(2)
        }
    }
}

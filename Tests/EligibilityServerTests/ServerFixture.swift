import Eligibility
import EligibilityServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging

/// The bundled rules and an application over them, for router tests.
enum ServerFixture {
    /// The package root (three levels above this file).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    /// Relative, as a user names it, so that reports name `rules/dk/...` on every machine.
    static let rulesFolder = "rules"
    static let engine: Engine = {
        FileManager.default.changeCurrentDirectoryPath(root.path)
        do {
            return try Engine(rules: [rulesFolder])
        } catch {
            fatalError("the bundled rules do not load: \(error)")
        }
    }()

    /// The bundled order map, read against the bundled rules.
    static let orderMap: OrderMap = {
        do {
            return try OrderMap.load(path: root.appendingPathComponent("orders/order-map.yaml").path, library: engine.library)
        } catch {
            fatalError("the bundled order map does not load: \(error)")
        }
    }()

    /// When the tests' cards are made (their Tasks' `authoredOn`): 23 November 2026, 09:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_795_424_400)

    /// An application over the bundled rules and order map, logging to `logger`.
    static func app(
        settings: ServerSettings? = nil,
        rules: CurrentRules? = nil,
        record: RecordSettings? = nil,
        cardIds: CardIds = .numbered,
        clientTrust: CDSClientTrust? = nil,
        logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
        today: @escaping @Sendable () -> Day = { Day.today }
    ) throws -> some ApplicationProtocol {
        let settings = try settings ?? ServerSettings(host: "127.0.0.1", port: 0)
        let current = rules ?? CurrentRules(engine: engine, paths: [rulesFolder])
        let router = CheckerServer.router(rules: current, settings: settings, record: record ?? RecordSettings(orderMap: orderMap), cardIds: cardIds,
                                          clientTrust: clientTrust, today: today, now: { now })
        return try CheckerServer.application(router: router, settings: settings, logger: logger)
    }

    static func fixture(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try Data(contentsOf: url)
    }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }
}

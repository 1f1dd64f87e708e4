import Eligibility
import EligibilityServer
import Foundation
import Hummingbird
import HummingbirdTesting
import InMemoryLogging
import Logging
import Testing

/// A reload swaps the rules whole; a broken rule set is refused, logged at its
/// file:line:col, and the old rules keep serving.
@Suite struct ReloadTests {
    /// A copy of the bundled rules in a folder of its own.
    static func copyOfRules() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eligcheck-reload-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: ServerFixture.root.appendingPathComponent("rules"), to: folder)
        return folder
    }

    static func health(_ app: some ApplicationProtocol) async throws -> String {
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { $0.text }
        }
    }

    @Test func brokenRulesAreRefusedAndTheOldOnesServe() async throws {
        let folder = try Self.copyOfRules()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Two copies, as a server on two cores loads them: a reload loads two again.
        let engines = try Engine.copies(rules: [folder.path], count: 2)
        let engine = engines[0]
        let rules = CurrentRules(engines: engines, paths: [folder.path])
        let handler = InMemoryLogHandler()
        let logger = Logger(label: "test", factory: { _ in handler })
        let reload = RulesReloadService(rules: rules, logger: logger)
        var editions = await rules.editions().makeAsyncIterator()
        let before = engine.library.version
        let app = try ServerFixture.app(rules: rules)
        #expect(try await Self.health(app) == "{\"status\":\"ok\",\"rules\":\"\(before)\"}\n")

        // Break a file: a service that requires a service that does not exist.
        let gp = folder.appendingPathComponent("dk/gp.yaml")
        let original = try String(contentsOf: gp, encoding: .utf8)
        try (original + "\n  this is: [not yaml\n").write(to: gp, atomically: true, encoding: .utf8)
        await reload.reload()
        let refused = handler.entries.map(\.message.description)
        let gpPath = gp.path
        #expect(refused.contains { $0.hasPrefix("rules reload refused: \(gpPath):") && $0.range(of: #"^rules reload refused: .*/dk/gp\.yaml:[0-9]+:[0-9]+: error: "#, options: .regularExpression) != nil },
                "\(refused)")
        #expect(refused.last == "rules reload refused; the rules in force keep serving")
        #expect(try await Self.health(app) == "{\"status\":\"ok\",\"rules\":\"\(before)\"}\n")
        #expect(await rules.edition.number == 1)

        // Mend it with a change: the new rules serve, and subscribers hear of them.
        try original.replacingOccurrences(of: "\nservices:", with: "\n# reloaded\nservices:").write(to: gp, atomically: true, encoding: .utf8)
        handler.clear()
        await reload.reload()
        let after = await rules.edition.version
        #expect(after != before)
        #expect(handler.entries.map(\.message.description) == ["rules reloaded"])
        #expect(handler.entries.first?.metadata["rules"] == .string(after))
        #expect(try await Self.health(app) == "{\"status\":\"ok\",\"rules\":\"\(after)\"}\n")
        let heard = await editions.next()
        #expect(heard?.version == after)
        #expect(heard?.number == 2)
        #expect(heard?.engines.map(\.library.version) == [after, after])
        #expect(heard?.engine(lane: 1).library.version == after)
    }
}

public import Logging
public import ServiceLifecycle
import UnixSignals

/// Reloads the rules on SIGHUP. A rule set that does not load whole is refused: every
/// problem is logged at its `file:line:col`, and the rules in force keep serving.
public struct RulesReloadService: ServiceLifecycle.Service {
    let rules: CurrentRules
    let logger: Logger

    /// Reloads `rules`, logging to `logger`.
    public init(rules: CurrentRules, logger: Logger) {
        self.rules = rules
        self.logger = logger
    }

    /// Waits for SIGHUP until the service group shuts down.
    public func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            await reload()
        }
    }

    /// One reload, logged either way.
    public func reload() async {
        do {
            let edition = try await rules.reload()
            logger.notice("rules reloaded", metadata: ["rules": .string(edition.version)])
        } catch {
            let kept = await rules.edition.version
            for diagnostic in error.diagnostics {
                logger.error("rules reload refused: \(diagnostic.headline)")
            }
            logger.error("rules reload refused; the rules in force keep serving", metadata: ["rules": .string(kept)])
        }
    }
}

public import Eligibility
import Foundation
import Synchronization

/// The rules a running server answers with, replaced whole on reload.
///
/// Requests read ``edition`` once and use that edition to the end, so a reload in the
/// middle of a request never mixes two rule sets. A reload loads and compiles the folders
/// away from the actor and installs the result only when every file loaded: a broken rule
/// set is refused and the old one keeps serving. Requests read the edition without waiting
/// for the actor (``current``): a reload replaces it under a lock.
public actor CurrentRules {
    /// One loaded rule set: the compiled engine and the content hash naming it.
    public struct Edition: Sendable {
        /// The compiled rules.
        public let engine: Engine
        /// The rules' content hash (`rules.version` in every report).
        public var version: String { engine.library.version }
        /// Counts installs from 1, so a subscriber can tell editions apart cheaply.
        public let number: Int
    }

    private let inForce: Mutex<Edition>

    /// The edition in force now, read without a hop to the actor (every request reads it).
    public nonisolated var current: Edition { inForce.withLock { $0 } }

    /// The edition in force now.
    public var edition: Edition { current }
    /// The rule folders reload reads.
    public nonisolated let paths: [String]
    private var subscribers: [UUID: AsyncStream<Edition>.Continuation] = [:]

    /// Starts with rules already loaded from `paths`.
    public init(engine: Engine, paths: [String]) {
        self.inForce = Mutex(Edition(engine: engine, number: 1))
        self.paths = paths
    }

    /// Loads the folders again and puts the new rules in force.
    /// - Returns: the new edition.
    /// - Throws: every problem of the new rule files; the edition in force stays.
    @discardableResult
    public func reload() async throws(LoadFailure) -> Edition {
        let engine = try await Self.load(paths)
        return install(engine)
    }

    /// The editions installed from now on, one element per successful reload. The stream
    /// ends when the caller stops iterating it.
    public func editions() -> AsyncStream<Edition> {
        let (stream, continuation) = AsyncStream.makeStream(of: Edition.self, bufferingPolicy: .bufferingNewest(1))
        let id = UUID()
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return stream
    }

    private func install(_ engine: Engine) -> Edition {
        let installed = inForce.withLock { edition in
            edition = Edition(engine: engine, number: edition.number + 1)
            return edition
        }
        for continuation in subscribers.values { continuation.yield(installed) }
        return installed
    }

    private func unsubscribe(_ id: UUID) {
        subscribers[id] = nil
    }

    /// Loading and compiling take tens of milliseconds: off the actor, so requests keep
    /// reading the edition in force meanwhile.
    @concurrent
    private nonisolated static func load(_ paths: [String]) async throws(LoadFailure) -> Engine {
        try Engine(rules: paths)
    }
}

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
///
/// An edition may hold the compiled rules more than once, a copy for each lane of the
/// check queue (``CheckerServer/checkLanes``, loaded with `Engine.copies`), so that the
/// check threads never write to the same reference counts.
public actor CurrentRules {
    /// One loaded rule set: the compiled engine (in one or more copies) and the content
    /// hash naming it.
    public struct Edition: Sendable {
        /// The copies of the compiled rules, alike in every answer; at least one.
        public let engines: [Engine]
        /// The compiled rules (the first copy).
        public var engine: Engine { engines[0] }
        /// The copy the check thread of `lane` works with.
        public func engine(lane: Int) -> Engine { engines[lane % engines.count] }
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

    /// Starts with rules already loaded from `paths`, in one copy shared by all lanes.
    public init(engine: Engine, paths: [String]) {
        self.init(engines: [engine], paths: paths)
    }

    /// Starts with copies of the rules already loaded from `paths` (`Engine.copies`); a
    /// reload loads as many.
    public init(engines: [Engine], paths: [String]) {
        precondition(!engines.isEmpty, "an edition holds at least one engine")
        self.inForce = Mutex(Edition(engines: engines, number: 1))
        self.paths = paths
    }

    /// Loads the folders again and puts the new rules in force.
    /// - Returns: the new edition.
    /// - Throws: every problem of the new rule files; the edition in force stays.
    @discardableResult
    public func reload() async throws(LoadFailure) -> Edition {
        let engines = try await Self.load(paths, copies: current.engines.count)
        return install(engines)
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

    private func install(_ engines: [Engine]) -> Edition {
        let installed = inForce.withLock { edition in
            edition = Edition(engines: engines, number: edition.number + 1)
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
    private nonisolated static func load(_ paths: [String], copies: Int) async throws(LoadFailure) -> [Engine] {
        try Engine.copies(rules: paths, count: copies)
    }
}

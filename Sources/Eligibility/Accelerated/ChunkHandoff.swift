import Foundation
import Synchronization

/// How chunks pass between the thread that merges and the worker threads: jobs out,
/// results back, merged in file order. The shared state sits in a `Mutex`; a worker that
/// has nothing to do, or is too far ahead of the merge, waits on `room`, and the merging
/// thread waits on `ready` for the next result.
final class ChunkHandoff<Result: Sendable>: Sendable {
    enum Job: Sendable {
        /// Chunk k of a regular file, read by the worker itself.
        case fileChunk(Int)
        /// Bytes `start..<end` of a batch read from standard input or a pipe.
        case bytes([UInt8], Int, Int)
    }

    private struct State {
        /// Chunks of a regular file (all known at the start), or nil when jobs are added.
        var fileChunks: Int?
        var added: [Int: Job] = [:]
        var inputEnded = false
        var nextToTake = 0
        var nextToMerge = 0
        var results: [Int: Result] = [:]
        var failure: (any Error)?
        var stopped = false
        var waitingWorkers = 0
        var mergerWaiting = false
    }

    private enum Step {
        case job(Int, Job), wait, stop
    }

    private enum Merge {
        case result(Result), wait, failed(any Error)
    }

    private let state: Mutex<State>
    private let room = DispatchSemaphore(value: 0)
    private let ready = DispatchSemaphore(value: 0)
    private let running = DispatchGroup()

    init(chunkCount: Int?) {
        state = Mutex(State(fileChunks: chunkCount))
    }

    /// Starts the worker threads. Each makes its own runner (its state and buffers, in its
    /// own thread's memory) and runs it on jobs until there are none.
    /// - Parameter window: how many chunks a worker may run ahead of the merge.
    func start(threads: Int, window: Int, makeRunner: @escaping @Sendable () -> ((Job) throws -> Result)) {
        for _ in 0..<threads {
            running.enter()
            let thread = Thread { [self] in
                defer { running.leave() }
                let run = makeRunner()
                while let (index, job) = take(window: window) {
                    do {
                        let result = try run(job)
                        let wake = state.withLock { s in
                            s.results[index] = result
                            defer { s.mergerWaiting = false }
                            return s.mergerWaiting
                        }
                        if wake { ready.signal() }
                    } catch {
                        fail(error)
                        return
                    }
                }
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
    }

    private func take(window: Int) -> (Int, Job)? {
        while true {
            let step: Step = state.withLock { s in
                if s.stopped { return .stop }
                if s.nextToTake - s.nextToMerge >= window {
                    s.waitingWorkers += 1
                    return .wait
                }
                if let count = s.fileChunks {
                    guard s.nextToTake < count else { return .stop }
                    s.nextToTake += 1
                    return .job(s.nextToTake - 1, .fileChunk(s.nextToTake - 1))
                }
                if let job = s.added.removeValue(forKey: s.nextToTake) {
                    s.nextToTake += 1
                    return .job(s.nextToTake - 1, job)
                }
                if s.inputEnded { return .stop }
                s.waitingWorkers += 1
                return .wait
            }
            switch step {
            case .job(let index, let job): return (index, job)
            case .stop: return nil
            case .wait: room.wait()
            }
        }
    }

    /// Wakes the workers that wait (each counted itself in before it waits).
    private func wakeWorkers(_ change: (inout State) -> Void) {
        let waiting = state.withLock { s in
            change(&s)
            defer { s.waitingWorkers = 0 }
            return s.waitingWorkers
        }
        for _ in 0..<waiting { room.signal() }
    }

    private func fail(_ error: any Error) {
        let merger = state.withLock { s in
            if s.failure == nil { s.failure = error }
            defer { s.mergerWaiting = false }
            return s.mergerWaiting
        }
        if merger { ready.signal() }
        wakeWorkers { $0.stopped = true }
    }

    /// Hands jobs to the workers (numbered on from the jobs added before).
    func add(_ jobs: [Job]) {
        wakeWorkers { s in
            let first = s.nextToTake + s.added.count
            for (k, job) in jobs.enumerated() { s.added[first + k] = job }
        }
    }

    /// No more jobs will be added: workers stop when the added ones are done.
    func finishInput() {
        wakeWorkers { $0.inputEnded = true }
    }

    /// Merges the results of the jobs before `count` not merged yet, in order, on the
    /// calling thread. On a failure (a worker's, or `merge` throwing) the workers are
    /// stopped and the error is rethrown.
    func mergeAll(upTo count: Int, _ merge: (Result) throws -> Void) throws {
        while true {
            let next: Merge? = state.withLock { s in
                if let failure = s.failure { return .failed(failure) }
                if s.nextToMerge >= count { return nil }
                if let result = s.results.removeValue(forKey: s.nextToMerge) { return .result(result) }
                s.mergerWaiting = true
                return .wait
            }
            switch next {
            case nil: return
            case .wait: ready.wait()
            case .failed(let error):
                stop()
                throw error
            case .result(let result):
                do {
                    try merge(result)
                } catch {
                    stop()
                    throw error
                }
                wakeWorkers { $0.nextToMerge += 1 }
            }
        }
    }

    /// Stops the workers after their current job and waits until they have.
    func stop() {
        wakeWorkers { $0.stopped = true }
        running.wait()
    }

    /// Waits until every worker has finished.
    func join() {
        running.wait()
    }
}

import Foundation

/// Where the checks of a server run: one queue, first come first served, worked by one
/// thread per core.
///
/// A check is a few hundred microseconds of computing with no wait in it. On Swift's
/// shared thread pool a request whose body had just arrived could run ahead of requests
/// queued before it (without a yield first, a tenth of the calls came back in under a
/// millisecond while the rest waited longer), and the checks shared those threads with
/// reading and answering. Here the checks start in the order their requests reached the
/// queue. Beside the shared pool with a yield, in the same minutes (`bench/serve.sh`, wrk
/// at 64 connections on two cores): `POST /v1/check` 3,324-3,352 against 3,110-3,120
/// calls/s, with the slowest 1 % a little faster (p99 26.1-26.3 against 26.9-27.0 ms).
///
/// ``run(_:)`` runs a closure on a queue thread (as the task's executor preference) and
/// tells it the thread's lane, `0..<lanes`, so that each thread can keep to data of its own
/// (the rules: ``CurrentRules/Edition/engine(lane:)``); the request's task then returns to
/// the shared pool to send the answer:
/// ```swift
/// let bytes = try await CheckQueue.shared.run { lane throws(APIError) in try call(service, body, lane) }
/// ```
final class CheckQueue: TaskExecutor, @unchecked Sendable {
    /// The server's queue, with a thread per active core.
    static let shared = CheckQueue(threads: ProcessInfo.processInfo.activeProcessorCount)

    /// The number of threads, each with its lane.
    let lanes: Int

    // `jobs[next...]` wait, oldest first; guarded by `condition`'s lock.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var next = 0
    /// The queue's threads, as they start.
    private var threads: [pthread_t] = []

    /// A queue worked by `threads` threads (at least one), which live as long as the process.
    init(threads: Int) {
        lanes = max(1, threads)
        for n in 0..<lanes {
            let thread = Thread { [self] in work(lane: n) }
            thread.name = "eligcheck-check-\(n)"
            thread.start()
        }
    }

    /// Runs `body` on this queue, after the work queued before it, with the lane of the
    /// thread it runs on.
    func run<Result: Sendable, Failure: Error>(_ body: (Int) throws(Failure) -> Result) async throws(Failure) -> Result {
        try await withTaskExecutorPreference(self) { () throws(Failure) -> Result in try body(Self.lane ?? 0) }
    }

    /// The lane of the calling thread when it is a queue's thread, else nil.
    static var lane: Int? {
        guard let value = pthread_getspecific(laneKey) else { return nil }
        return Int(bitPattern: value) - 1
    }

    /// Each queue thread's lane plus one (so that lane 0 is not a null pointer).
    private static let laneKey: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "no thread-specific key left")
        return key
    }()

    /// The jobs waiting for a thread.
    var waiting: Int {
        condition.lock()
        defer { condition.unlock() }
        return jobs.count - next
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Whether the caller runs on one of this queue's threads.
    var isQueueThread: Bool {
        condition.lock()
        defer { condition.unlock() }
        return threads.contains { pthread_equal($0, pthread_self()) != 0 }
    }

    private func work(lane: Int) {
        pthread_setspecific(Self.laneKey, UnsafeRawPointer(bitPattern: lane + 1))
        condition.lock()
        threads.append(pthread_self())
        condition.unlock()
        while true {
            condition.lock()
            while next == jobs.count { condition.wait() }
            let job = jobs[next]
            next += 1
            if next == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                next = 0
            } else if next >= 1024 {
                jobs.removeFirst(next)
                next = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

import Foundation
import Synchronization
import Testing
@testable import EligibilityServer

/// The server's check queue: first come, first served; results and errors come back.
@Suite struct CheckQueueTests {
    struct Refused: Error, Equatable { let code: Int }

    /// The order closures ran in.
    final class Order: Sendable {
        let ran = Mutex<[Int]>([])
    }

    @Test("checks start in the order they were queued")
    func firstComeFirstServed() async throws {
        let queue = CheckQueue(threads: 1)
        let gate = DispatchSemaphore(value: 0)
        let order = Order()
        // The one thread waits at the gate while the others queue behind it, one at a time.
        let blocker = Task { await queue.run { _ in gate.wait() } }
        while queue.waiting > 0 { await Task.yield() }
        var tasks: [Task<Int, Never>] = []
        for n in 1...20 {
            tasks.append(Task { await queue.run { _ in order.ran.withLock { $0.append(n) }; return n * n } })
            while queue.waiting < n { try await Task.sleep(for: .milliseconds(1)) }
        }
        gate.signal()
        await blocker.value
        var results: [Int] = []
        for task in tasks { results.append(await task.value) }
        #expect(results == (1...20).map { $0 * $0 })
        #expect(order.ran.withLock { $0 } == Array(1...20))
        #expect(queue.waiting == 0)
    }

    @Test("a closure's error reaches the caller, typed")
    func errors() async {
        let queue = CheckQueue(threads: 2)
        await #expect(throws: Refused(code: 422)) {
            try await queue.run { _ throws(Refused) -> Int in throw Refused(code: 422) }
        }
        let value = await queue.run { _ in 41 + 1 }
        #expect(value == 42)
    }

    @Test("the closure runs on a queue thread and is told its lane")
    func runsOnItsThreads() async {
        let queue = CheckQueue(threads: 2)
        #expect(queue.lanes == 2)
        let (onQueue, lane, threadLane) = await queue.run { lane in (queue.isQueueThread, lane, CheckQueue.lane) }
        #expect(onQueue)
        #expect((0..<2).contains(lane))
        #expect(threadLane == lane)
        #expect(!queue.isQueueThread)
        #expect(CheckQueue.lane == nil)
    }

    @Test("two closures running at once are on different lanes")
    func lanesApart() async {
        let queue = CheckQueue(threads: 2)
        // Each closure holds its thread until both have started, so both threads are busy.
        let started = Order(), proceed = DispatchSemaphore(value: 0)
        async let first = queue.run { lane in started.ran.withLock { $0.append(lane) }; proceed.wait(); return lane }
        async let second = queue.run { lane in started.ran.withLock { $0.append(lane) }; proceed.wait(); return lane }
        while started.ran.withLock({ $0.count }) < 2 { try? await Task.sleep(for: .milliseconds(1)) }
        proceed.signal()
        proceed.signal()
        let lanes = await [first, second]
        #expect(Set(lanes) == [0, 1])
    }
}

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
        let blocker = Task { await queue.run { gate.wait() } }
        while queue.waiting > 0 { await Task.yield() }
        var tasks: [Task<Int, Never>] = []
        for n in 1...20 {
            tasks.append(Task { await queue.run { order.ran.withLock { $0.append(n) }; return n * n } })
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
            try await queue.run { () throws(Refused) -> Int in throw Refused(code: 422) }
        }
        let value = await queue.run { 41 + 1 }
        #expect(value == 42)
    }

    @Test("the closure runs on a queue thread")
    func runsOnItsThreads() async {
        let queue = CheckQueue(threads: 2)
        #expect(await queue.run { queue.isQueueThread })
        #expect(!queue.isQueueThread)
    }
}

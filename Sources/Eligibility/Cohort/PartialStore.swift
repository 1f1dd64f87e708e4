import Synchronization

/// Chunk results handed from worker threads to the merging thread.
final class PartialStore<Value: Sendable>: Sendable {
    private let values = Mutex<[Int: Value]>([:])

    func put(_ index: Int, _ value: Value) {
        values.withLock { $0[index] = value }
    }

    func take(_ index: Int) -> Value? {
        values.withLock { $0.removeValue(forKey: index) }
    }
}

/// One state per worker thread, each made by its own thread the first time it is needed
/// (so that its memory comes from that thread's allocator arena, and workers make their
/// states at the same time), and each on cache lines of its own, so that one worker's
/// writes never slow another's reads (false sharing).
final class Disjoint<Element>: @unchecked Sendable {
    private let storage: UnsafeMutableRawPointer
    private let made: UnsafeMutablePointer<Bool>
    private let stride: Int
    private let make: @Sendable () -> Element
    let count: Int
    private static var line: Int { 128 }

    init(count: Int, make: @escaping @Sendable () -> Element) {
        self.count = count
        self.make = make
        stride = (MemoryLayout<Element>.stride + Self.line - 1) / Self.line * Self.line
        storage = .allocate(byteCount: max(1, stride * count), alignment: max(Self.line, MemoryLayout<Element>.alignment))
        made = .allocate(capacity: max(1, count))
        made.initialize(repeating: false, count: max(1, count))
    }

    deinit {
        for i in 0..<count where made[i] { (storage + i * stride).assumingMemoryBound(to: Element.self).deinitialize(count: 1) }
        storage.deallocate()
        made.deallocate()
    }

    /// Worker `index`'s state; only that worker may call this (and only one thread at a time).
    subscript(index: Int) -> UnsafeMutablePointer<Element> {
        let slot = storage + index * stride
        if !made[index] {
            slot.initializeMemory(as: Element.self, to: make())
            made[index] = true
        }
        return slot.assumingMemoryBound(to: Element.self)
    }
}

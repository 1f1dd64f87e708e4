/// Memory of a fixed size owned by one worker and used through `pointer`: unlike an
/// array, reading and writing it costs no reference counting and no uniqueness checks.
/// Keep the buffer alive as long as the pointer is used (hold it in the same value).
final class OwnedBuffer<Element>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    init(_ values: [Element]) {
        count = values.count
        pointer = .allocate(capacity: max(1, values.count))
        values.withUnsafeBufferPointer { source in
            if let start = source.baseAddress { pointer.initialize(from: start, count: values.count) }
        }
    }

    convenience init(repeating value: Element, count: Int) {
        self.init(Array(repeating: value, count: count))
    }

    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }
}

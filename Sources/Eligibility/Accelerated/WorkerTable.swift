/// A table of fixed size that one cohort worker owns and reads and writes through
/// `pointer`: unlike an array, that costs no reference counting and no uniqueness checks
/// on every patient. Never shared between threads (it is not `Sendable`); keep the table
/// alive as long as the pointer is used (hold it in the same value).
final class WorkerTable<Element> {
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

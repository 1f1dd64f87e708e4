import Foundation

/// Streams a JSON Lines file in batches of whole lines and hands each batch, split into
/// chunks, to worker threads. Memory stays at a few batches whatever the file's size.
struct CohortReader {
    let path: String
    let workers: Int
    var chunkBytes = 1 << 21

    /// One chunk of whole lines handed to a worker. The bytes belong to the batch buffer,
    /// which nobody writes while workers read it.
    struct Chunk: @unchecked Sendable {
        var base: UnsafePointer<UInt8>
        var start: Int
        var end: Int
    }

    /// Where the line starting at `start` ends: the next newline, or `end` (found with the
    /// C library's vectorised search).
    @inline(__always)
    static func lineEnd(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        guard start < end, let found = memchr(base + start, 10, end - start) else { return end }
        return start + UnsafeRawPointer(base + start).distance(to: UnsafeRawPointer(found))
    }

    /// A line longer than a whole batch cannot be read.
    static let maxLine = 1 << 20

    /// Reads the file and calls `work` for chunks in parallel and `merge` for each chunk,
    /// in file order, with the number of lines before it.
    /// - Parameters:
    ///   - work: runs on worker `w` (0..<workers) for chunk `c`; must only touch state of its worker and slot `c`.
    ///   - merge: runs on the calling thread, chunks in file order.
    func run(work: @Sendable (_ worker: Int, _ chunkIndex: Int, _ chunk: Chunk) -> Void,
             merge: (_ chunkIndex: Int) throws -> Void) throws {
        let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY)
        guard fd >= 0 else { throw CohortError.cannotOpen(path) }
        defer { if fd != 0 { close(fd) } }
        let chunksPerBatch = max(1, workers * 2)
        let capacity = chunksPerBatch * chunkBytes + Self.maxLine
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var filled = 0
        var atEnd = false
        var chunkCounter = 0
        while !atEnd || filled > 0 {
            while !atEnd && filled < capacity {
                let n = read(fd, buffer + filled, capacity - filled)
                if n < 0 { throw CohortError.cannotRead(path) }
                if n == 0 { atEnd = true } else { filled += n }
            }
            var cut = filled
            if !atEnd {
                cut = 0
                var i = filled - 1
                while i >= 0 { if buffer[i] == 10 { cut = i + 1; break }; i -= 1 }
                if cut == 0 { throw CohortError.lineTooLong(Self.maxLine) }
            }
            var chunks: [Chunk] = []
            var s = 0
            let target = max(1, cut / chunksPerBatch + 1)
            while s < cut {
                var e = min(cut, s + target)
                while e < cut && buffer[e - 1] != 10 { e += 1 }
                chunks.append(Chunk(base: UnsafePointer(buffer), start: s, end: e))
                s = e
            }
            let first = chunkCounter
            let batch = chunks
            DispatchQueue.concurrentPerform(iterations: min(workers, batch.count)) { w in
                var c = w
                while c < batch.count {
                    work(w, first + c, batch[c])
                    c += min(workers, batch.count)
                }
            }
            for c in 0..<chunks.count { try merge(first + c) }
            chunkCounter += chunks.count
            let rest = filled - cut
            if rest > 0 { memmove(buffer, buffer + cut, rest) }
            filled = rest
        }
    }
}

/// Problems with a cohort file as a whole (bad lines are reported per line instead).
public enum CohortError: Error, CustomStringConvertible, Sendable {
    case cannotOpen(String)
    case cannotRead(String)
    case lineTooLong(Int)

    public var description: String {
        switch self {
        case .cannotOpen(let p): return "\(p): error: cannot open the cohort file"
        case .cannotRead(let p): return "\(p): error: cannot read the cohort file"
        case .lineTooLong(let n): return "error: a cohort line is longer than \(n) bytes"
        }
    }
}

/// Storage that worker threads write at disjoint indices: each index is written by one
/// worker only while the batch runs, and read by the merging thread only after it.
final class Disjoint<Element>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<Element>
    let count: Int

    init(repeating make: () -> Element, count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        for i in 0..<count { (storage + i).initialize(to: make()) }
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    subscript(index: Int) -> UnsafeMutablePointer<Element> { storage + index }
}

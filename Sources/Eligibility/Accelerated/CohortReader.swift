import Foundation
import Synchronization

/// Streams a JSON Lines file to worker threads in chunks of whole lines and hands what
/// they make back, in file order, to the calling thread, which merges it. Memory stays at
/// a buffer or two per worker whatever the file's size.
///
/// A regular file is cut at fixed byte offsets: chunk k holds the lines that start in
/// bytes `k * chunkBytes ..< (k + 1) * chunkBytes`. Each worker takes the next chunk and
/// reads it itself (`pread`, so reading is spread over the workers too). Standard input
/// and pipes are read by the calling thread in batches, cut into chunks at newlines.
/// A worker runs ahead of the merge by at most a window of chunks, then waits (on a
/// semaphore) until the merge catches up.
struct CohortReader {
    let path: String
    let workers: Int
    var chunkBytes = 1 << 20
    /// The byte where the cohort's lines start: past a CSV header (`readFirstLine()`).
    private(set) var first = 0

    /// One chunk of whole lines, in the buffer of the worker that reads it.
    struct Chunk {
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

    /// The longest line that is read; a longer one is a rejected line (its first
    /// `maxLine + 1` bytes reach the worker, so it knows).
    static let maxLine = 1 << 20

    /// Reads the file, runs `work` on chunks in parallel and `merge` on each chunk's result
    /// in file order, on the calling thread.
    /// - Parameters:
    ///   - makeWorker: makes a worker's state, on the worker's own thread.
    ///   - work: runs on a worker thread for one chunk.
    ///   - merge: runs for each chunk's result in file order; once it throws, no further
    ///     chunk is started and the error is rethrown.
    func run<Worker, Result: Sendable>(makeWorker: @escaping @Sendable () -> Worker,
                                       work: @escaping @Sendable (inout Worker, Chunk) -> Result,
                                       merge: (Result) throws -> Void) throws {
        let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY)
        guard fd >= 0 else { throw CohortError.cannotOpen(path) }
        defer { if fd != 0 { close(fd) } }
        var info = stat()
        let chunkBytes = max(1, self.chunkBytes)
        if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
            let size = Int(info.st_size)
            let first = min(self.first, size)
            let chunkCount = (size - first + chunkBytes - 1) / chunkBytes
            let handoff = ChunkHandoff<Result>(chunkCount: chunkCount)
            let path = self.path
            handoff.start(threads: max(1, min(workers, chunkCount)), window: 32 * workers) {
                var worker = makeWorker()
                let buffer = ChunkBuffer(capacity: chunkBytes + 1 + Self.maxLine + 4096)
                return { job in
                    switch job {
                    case .fileChunk(let k):
                        let chunk = try buffer.load(fd, chunk: k, first: first, chunkBytes: chunkBytes, size: size, path: path)
                        return work(&worker, chunk)
                    case .bytes(let batch, let start, let end):
                        return work(&worker, buffer.load(batch, start, end))
                    }
                }
            }
            try handoff.mergeAll(upTo: chunkCount, merge)
            handoff.join()
        } else {
            try runBatched(fd, makeWorker: makeWorker, work: work, merge: merge)
        }
    }

    /// Reads the file's first line (a CSV header), without its line break, and starts the
    /// cohort's lines after it. Standard input is read a byte at a time, so that nothing
    /// after the line is taken from the stream the workers read next.
    /// - Throws: `CohortError` when the file cannot be read; `CohortLineError` at line 1
    ///   when the line is longer than `maxLine` bytes.
    mutating func readFirstLine() throws -> [UInt8] {
        let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY)
        guard fd >= 0 else { throw CohortError.cannotOpen(path) }
        defer { if fd != 0 { close(fd) } }
        var line: [UInt8] = []
        var block = [UInt8](repeating: 0, count: fd == 0 ? 1 : 1 << 16)
        while line.count <= Self.maxLine {
            let n = block.withUnsafeMutableBytes { fd == 0 ? read(fd, $0.baseAddress, $0.count) : pread(fd, $0.baseAddress, $0.count, off_t(line.count)) }
            if n < 0 { throw CohortError.cannotRead(path) }
            if n == 0 { break }
            if let newline = block[0..<n].firstIndex(of: 10) {
                line.append(contentsOf: block[0..<newline])
                first = line.count + 1
                return line
            }
            line.append(contentsOf: block[0..<n])
        }
        guard line.count <= Self.maxLine else {
            throw CohortLineError(file: path, line: DiffReport.BadLine(line: 1, column: Self.maxLine + 1,
                message: "the header is longer than \(Self.maxLine) bytes, the most a cohort line may have"))
        }
        first = line.count
        return line
    }

    /// Standard input and pipes: fill a batch, cut it into chunks at newlines, run them,
    /// merge them, repeat. A line longer than the batch reaches the workers as its first
    /// `maxLine + 1` bytes; the rest of it is skipped.
    private func runBatched<Worker, Result: Sendable>(_ fd: Int32, makeWorker: @escaping @Sendable () -> Worker,
                                                      work: @escaping @Sendable (inout Worker, Chunk) -> Result,
                                                      merge: (Result) throws -> Void) throws {
        let chunkBytes = max(1, self.chunkBytes)
        let chunksPerBatch = max(1, workers * 2)
        let capacity = chunksPerBatch * chunkBytes + Self.maxLine
        let handoff = ChunkHandoff<Result>(chunkCount: nil)
        handoff.start(threads: workers, window: Int.max) {
            var worker = makeWorker()
            let buffer = ChunkBuffer(capacity: chunkBytes + Self.maxLine)
            return { job in
                guard case .bytes(let batch, let start, let end) = job else { throw CohortError.cannotRead("-") }
                return work(&worker, buffer.load(batch, start, end))
            }
        }
        var input = BatchInput(fd: fd, capacity: capacity)
        var merged = 0
        do {
            while let (batch, cut) = try input.next(path: path) {
                var jobs: [ChunkHandoff<Result>.Job] = []
                var s = 0
                let target = max(1, cut / chunksPerBatch + 1)
                while s < cut {
                    var e = min(cut, s + target)
                    while e < cut && batch[e - 1] != 10 { e += 1 }
                    jobs.append(.bytes(batch, s, e))
                    s = e
                }
                handoff.add(jobs)
                try handoff.mergeAll(upTo: merged + jobs.count, merge)
                merged += jobs.count
            }
        } catch {
            handoff.stop()
            throw error
        }
        handoff.finishInput()
        handoff.join()
    }
}

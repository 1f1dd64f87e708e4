import Foundation
import Synchronization

/// Streams a JSON Lines file to worker threads in chunks of whole lines and merges what
/// they make in file order. Memory stays at a buffer or two per worker whatever the
/// file's size.
///
/// A regular file is cut at fixed byte offsets: chunk k holds the lines that start in
/// bytes `k * chunkBytes ..< (k + 1) * chunkBytes`. Each worker takes the next chunk,
/// reads it itself (`pread`, so reading is spread over the workers too) and hands the
/// result on; whichever worker finishes the chunk that is next in file order merges it,
/// and every finished chunk after it. No worker waits for the others, except when it is
/// so far ahead that results would pile up. Standard input and pipes are read in batches.
struct CohortReader {
    let path: String
    let workers: Int
    var chunkBytes = 1 << 20

    /// One chunk of whole lines handed to a worker. The bytes belong to the worker's
    /// buffer (or the batch buffer), which nobody else writes while it reads them.
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

    /// The longest line that can be read.
    static let maxLine = 1 << 20

    /// Reads the file and calls `work` for chunks in parallel and `merge` for each chunk,
    /// in file order, one at a time.
    /// - Parameters:
    ///   - work: runs on worker `w` (0..<workers) for chunk `c`; must only touch state of its worker and slot `c`.
    ///   - merge: runs for chunks in file order, never two at once; once it throws, no
    ///     further chunk is started and the error is rethrown.
    func run(work: @Sendable (_ worker: Int, _ chunkIndex: Int, _ chunk: Chunk) -> Void,
             merge: (_ chunkIndex: Int) throws -> Void) throws {
        let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY)
        guard fd >= 0 else { throw CohortError.cannotOpen(path) }
        defer { if fd != 0 { close(fd) } }
        var info = stat()
        if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
            try runChunked(fd, size: Int(info.st_size), work: work, merge: merge)
        } else {
            try runBatched(fd, work: work, merge: merge)
        }
    }

    /// What the workers share while they go through a regular file.
    private struct Progress {
        var nextToTake = 0
        var nextToMerge = 0
        var finished: Set<Int> = []
        var failure: (any Error)?
    }

    private func runChunked(_ fd: Int32, size: Int, work: @Sendable (Int, Int, Chunk) -> Void,
                            merge: (Int) throws -> Void) throws {
        let chunkBytes = max(1, self.chunkBytes)
        let chunkCount = (size + chunkBytes - 1) / chunkBytes
        let threads = max(1, min(workers, chunkCount))
        let progress = Mutex(Progress())
        let merging = Mutex(())
        // Results may run this far ahead of the merge before a worker waits: enough that
        // a worker held up for a while (the machine busy elsewhere) does not stop the
        // others, little enough that waiting results stay a few hundred kilobytes.
        let window = 32 * threads
        withoutActuallyEscaping(merge) { merge in
            let merger = UncheckedSendable(merge)
            DispatchQueue.concurrentPerform(iterations: threads) { w in
                let buffer = ChunkBuffer(capacity: chunkBytes + 1 + Self.maxLine + 4096)
                while true {
                    var taken = -1
                    while taken < 0 {
                        let state: (take: Int, wait: Bool) = progress.withLock { p in
                            if p.failure != nil || p.nextToTake >= chunkCount { return (-1, false) }
                            if p.nextToTake - p.nextToMerge >= window { return (-1, true) }
                            p.nextToTake += 1
                            return (p.nextToTake - 1, false)
                        }
                        if state.wait { usleep(50); continue }
                        taken = state.take
                        if taken < 0 { return }
                    }
                    let chunk: Chunk
                    do {
                        chunk = try buffer.load(fd, chunk: taken, chunkBytes: chunkBytes, size: size, path: path)
                    } catch {
                        progress.withLock { p in if p.failure == nil { p.failure = error } }
                        return
                    }
                    work(w, taken, chunk)
                    progress.withLock { p in _ = p.finished.insert(taken) }
                    Self.drain(progress, merging, merger)
                }
            }
        }
        if let failure = progress.withLock({ $0.failure }) { throw failure }
    }

    /// Merges every finished chunk that is next in file order, unless another worker is
    /// merging already (that worker then merges this one's chunk too). Merging, which may
    /// write output, happens outside the lock the workers take chunks under, so they go on
    /// meanwhile.
    private static func drain(_ progress: borrowing Mutex<Progress>, _ merging: borrowing Mutex<Void>,
                              _ merger: UncheckedSendable<(Int) throws -> Void>) {
        while true {
            let merged: Bool? = merging.withLockIfAvailable { _ in
                while let next = progress.withLock({ p -> Int? in
                    guard p.failure == nil, p.finished.remove(p.nextToMerge) != nil else { return nil }
                    return p.nextToMerge
                }) {
                    var failed: (any Error)?
                    do { try merger.value(next) } catch { failed = error }
                    progress.withLock { p in
                        if let failed, p.failure == nil { p.failure = failed }
                        p.nextToMerge += 1
                    }
                }
                return true
            }
            // Another worker is merging: it will find this chunk (it looks again after it lets go).
            if merged == nil { return }
            // A chunk may have finished just before the merge lock was let go: look again.
            let again = progress.withLock { p in p.failure == nil && p.finished.contains(p.nextToMerge) }
            if !again { return }
        }
    }

    /// Standard input and pipes: fill a buffer, cut it into chunks at newlines, run them,
    /// merge them, repeat.
    private func runBatched(_ fd: Int32, work: @Sendable (Int, Int, Chunk) -> Void,
                            merge: (Int) throws -> Void) throws {
        let chunkBytes = max(1, self.chunkBytes)
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

/// A value handed to other threads whose use the code around it keeps safe (here: a
/// closure only ever called under a lock).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

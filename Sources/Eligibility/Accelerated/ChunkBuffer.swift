import Foundation

/// A worker's buffer for the chunks it reads.
final class ChunkBuffer {
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        bytes = .allocate(capacity: capacity)
    }

    deinit { bytes.deallocate() }

    /// Bytes `start..<end` of a batch, copied into this buffer (made larger when needed).
    func load(_ batch: [UInt8], _ start: Int, _ end: Int) -> CohortReader.Chunk {
        if end - start > capacity {
            bytes.deallocate()
            capacity = end - start
            bytes = .allocate(capacity: capacity)
        }
        batch.withUnsafeBufferPointer { source in
            if let from = source.baseAddress { bytes.update(from: from + start, count: end - start) }
        }
        return CohortReader.Chunk(base: UnsafePointer(bytes), start: 0, end: end - start)
    }

    /// Reads chunk `k` of a regular file whose lines start at byte `first`: from the byte before its start (to see whether a
    /// line starts there) to the newline that ends the last line starting inside it. When
    /// that line is longer than `CohortReader.maxLine`, only its first `maxLine + 1` bytes
    /// are read (enough for the worker to reject it as too long).
    func load(_ fd: Int32, chunk k: Int, first: Int = 0, chunkBytes: Int, size: Int, path: String) throws -> CohortReader.Chunk {
        let from = max(first, first + k * chunkBytes - 1)
        let nominalEnd = min(size, first + (k + 1) * chunkBytes)
        var filled = 0
        func fill(upTo end: Int) throws {
            let want = min(end, size) - from
            while filled < want {
                let n = pread(fd, bytes + filled, want - filled, off_t(from + filled))
                // Nothing more to read means the file shrank while it was read.
                if n <= 0 { throw CohortError.cannotRead(path) }
                filled += n
            }
        }
        try fill(upTo: nominalEnd + 4096)
        let base = UnsafePointer(bytes)
        // The first line that starts in this chunk.
        var start = 0
        if k > 0 {
            guard let newline = memchr(bytes, 10, min(filled, nominalEnd - from)) else {
                return CohortReader.Chunk(base: base, start: 0, end: 0)
            }
            start = UnsafeRawPointer(bytes).distance(to: UnsafeRawPointer(newline)) + 1
        }
        if start >= nominalEnd - from { return CohortReader.Chunk(base: base, start: 0, end: 0) }
        // The newline ending the line that holds the chunk's last byte.
        let last = nominalEnd - 1 - from
        var lastStart = last
        while lastStart > start && bytes[lastStart - 1] != 10 { lastStart -= 1 }
        let longest = lastStart + CohortReader.maxLine + 1
        var searched = last
        while true {
            if searched < filled, let newline = memchr(bytes + searched, 10, filled - searched) {
                let end = UnsafeRawPointer(bytes).distance(to: UnsafeRawPointer(newline)) + 1
                return CohortReader.Chunk(base: base, start: start, end: min(end, longest))
            }
            if from + filled >= size { return CohortReader.Chunk(base: base, start: start, end: min(filled, longest)) }
            if filled >= longest { return CohortReader.Chunk(base: base, start: start, end: longest) }
            searched = max(searched, filled)
            try fill(upTo: from + min(capacity, filled + 65536))
        }
    }
}

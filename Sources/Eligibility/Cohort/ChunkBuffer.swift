import Foundation

/// A worker's buffer for the chunks it reads from a regular file.
final class ChunkBuffer {
    let bytes: UnsafeMutablePointer<UInt8>
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        bytes = .allocate(capacity: capacity)
    }

    deinit { bytes.deallocate() }

    /// Reads chunk `k`: from the byte before its start (to see whether a line starts
    /// there) to the newline that ends the last line starting inside it.
    func load(_ fd: Int32, chunk k: Int, chunkBytes: Int, size: Int, path: String) throws -> CohortReader.Chunk {
        let from = max(0, k * chunkBytes - 1)
        let nominalEnd = min(size, (k + 1) * chunkBytes)
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
        // The first line that starts in this chunk.
        var start = 0
        if k > 0 {
            guard let newline = memchr(bytes, 10, min(filled, nominalEnd - from)) else {
                return CohortReader.Chunk(base: UnsafePointer(bytes), start: 0, end: 0)
            }
            start = UnsafeRawPointer(bytes).distance(to: UnsafeRawPointer(newline)) + 1
        }
        if start >= nominalEnd - from { return CohortReader.Chunk(base: UnsafePointer(bytes), start: 0, end: 0) }
        // The newline ending the line that holds the chunk's last byte.
        let last = nominalEnd - 1 - from
        var searched = last
        var lastStart = -1
        while true {
            if searched < filled, let newline = memchr(bytes + searched, 10, filled - searched) {
                let end = UnsafeRawPointer(bytes).distance(to: UnsafeRawPointer(newline)) + 1
                if lastStart >= 0 && end - 1 - lastStart > CohortReader.maxLine { throw CohortError.lineTooLong(CohortReader.maxLine) }
                return CohortReader.Chunk(base: UnsafePointer(bytes), start: start, end: end)
            }
            if from + filled >= size { return CohortReader.Chunk(base: UnsafePointer(bytes), start: start, end: filled) }
            if lastStart < 0 {
                lastStart = last
                while lastStart > start && bytes[lastStart - 1] != 10 { lastStart -= 1 }
            }
            if filled - lastStart > CohortReader.maxLine { throw CohortError.lineTooLong(CohortReader.maxLine) }
            searched = max(searched, filled)
            try fill(upTo: from + min(capacity, filled + 65536))
        }
    }
}

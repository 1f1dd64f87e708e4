import Foundation

/// Standard input or a pipe read in batches of whole lines. A line longer than a batch
/// is handed on as its first `CohortReader.maxLine + 1` bytes (enough to tell it is too
/// long) and the rest of it is skipped.
struct BatchInput {
    let fd: Int32
    let capacity: Int
    private var carry: [UInt8] = []
    private var atEnd = false
    /// In the rest of a line too long for a batch, whose start was handed on already.
    private var skipping = false

    init(fd: Int32, capacity: Int) {
        self.fd = fd
        self.capacity = capacity
    }

    /// The next batch and how much of it is whole lines, or nil at the end of the input.
    mutating func next(path: String) throws -> (batch: [UInt8], cut: Int)? {
        var batch = carry
        carry = []
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while batch.count < capacity && !atEnd {
            let want = min(block.count, capacity - batch.count)
            let n = block.withUnsafeMutableBytes { read(fd, $0.baseAddress, want) }
            if n < 0 { throw CohortError.cannotRead(path) }
            if n == 0 { atEnd = true; break }
            var from = 0
            if skipping {
                guard let newline = block[0..<n].firstIndex(of: 10) else { continue }
                skipping = false
                from = newline + 1
            }
            batch.append(contentsOf: block[from..<n])
        }
        if batch.isEmpty { return nil }
        if atEnd { return (batch, batch.count) }
        guard let last = batch.lastIndex(of: 10) else {
            skipping = true
            return (Array(batch.prefix(CohortReader.maxLine + 1)), CohortReader.maxLine + 1)
        }
        carry = Array(batch[(last + 1)...])
        return (batch, last + 1)
    }
}

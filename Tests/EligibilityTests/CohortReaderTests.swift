import Foundation
import Synchronization
import Testing
@testable import Eligibility

@Suite("Cohort reader: chunks of whole lines, merged in file order")
struct CohortReaderTests {
    /// Lines of many lengths, an empty line, and a last line without a newline.
    static let text: String = {
        var lines: [String] = []
        for i in 0..<60 { lines.append(String(repeating: "x", count: (i * 7) % 23) + "#\(i)") }
        lines.insert("", at: 17)
        return lines.joined(separator: "\n") + "\n" + "last line without a newline"
    }()

    static var expected: [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// Reads a file the way `diff` does and returns its lines in merge order.
    static func lines(_ path: String, workers: Int, chunk: Int) throws -> [String] {
        let seen = Mutex<[Int: [String]]>([:])
        var merged: [String] = []
        var reader = CohortReader(path: path, workers: workers)
        reader.chunkBytes = chunk
        try reader.run(work: { _, c, chunk in
            var found: [String] = []
            var i = chunk.start
            while i < chunk.end {
                let e = CohortReader.lineEnd(chunk.base, i, chunk.end)
                found.append(String(decoding: UnsafeBufferPointer(start: chunk.base + i, count: e - i), as: UTF8.self))
                i = e + 1
            }
            seen.withLock { $0[c] = found }
        }, merge: { c in
            merged += seen.withLock { $0.removeValue(forKey: c) } ?? []
        })
        return merged
    }

    @Test("Every line reaches exactly one chunk, in file order, for any chunk size and thread count")
    func everyLineOnce() throws {
        let path = try CohortTests.temporary("lines.jsonl", Self.text)
        for workers in [1, 2, 3] {
            for chunk in Array(1...40) + [64, 100, 1000, 1 << 20] {
                let read = try Self.lines(path, workers: workers, chunk: chunk)
                #expect(read == Self.expected, "workers \(workers), chunk \(chunk)")
            }
        }
    }

    @Test("Standard input and pipes are read in batches with the same result")
    func pipe() throws {
        let dir = try Fixture.scratch("fifo")
        let fifo = dir.appendingPathComponent("cohort.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = Thread {
            let handle = FileHandle(forWritingAtPath: fifo)
            handle?.write(Data(Self.text.utf8))
            try? handle?.close()
        }
        writer.start()
        let read = try Self.lines(fifo, workers: 2, chunk: 16)
        #expect(read == Self.expected)
    }

    @Test("A line longer than the limit is refused with a message")
    func tooLong() throws {
        let long = String(repeating: "y", count: CohortReader.maxLine + 10)
        let path = try CohortTests.temporary("long.jsonl", "{}\n" + long + "\n{}\n")
        #expect(throws: CohortError.self) { _ = try Self.lines(path, workers: 2, chunk: 4096) }
        do { _ = try Self.lines(path, workers: 1, chunk: 4096) } catch {
            #expect("\(error)" == "error: a cohort line is longer than 1048576 bytes")
        }
    }

    @Test("When merging fails, no further chunk is started and the error comes back")
    func mergeFailureStops() throws {
        let path = try CohortTests.temporary("lines.jsonl", Self.text)
        let worked = Mutex(0)
        var reader = CohortReader(path: path, workers: 1)
        reader.chunkBytes = 8
        #expect(throws: CohortError.self) {
            try reader.run(work: { _, _, _ in worked.withLock { $0 += 1 } },
                           merge: { c in if c == 2 { throw CohortError.cannotRead("stop") } })
        }
        // One thread: chunks 0 and 1 are merged, chunk 2 fails, nothing after it is read.
        #expect(worked.withLock { $0 } == 3)
        #expect(Self.text.utf8.count / 8 > 3)
    }
}

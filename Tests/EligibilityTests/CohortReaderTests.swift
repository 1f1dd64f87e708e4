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
        var merged: [String] = []
        var reader = CohortReader(path: path, workers: workers)
        reader.chunkBytes = chunk
        try reader.run(makeWorker: { () }, work: { _, chunk in
            var found: [String] = []
            var i = chunk.start
            while i < chunk.end {
                let e = CohortReader.lineEnd(chunk.base, i, chunk.end)
                found.append(String(decoding: UnsafeBufferPointer(start: chunk.base + i, count: e - i), as: UTF8.self))
                i = e + 1
            }
            return found
        }, merge: { merged += $0 })
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

    /// Lines over `maxLine` bytes as "long" (a worker sees at least `maxLine + 1` of their bytes).
    static func marked(_ lines: [String]) -> [String] {
        lines.map { $0.utf8.count > CohortReader.maxLine ? "long \($0.prefix(1))" : $0 }
    }

    @Test("A line longer than the limit reaches a worker as a line too long, in files and pipes alike")
    func tooLong() throws {
        let long = String(repeating: "y", count: CohortReader.maxLine + 10)
        let path = try CohortTests.temporary("long.jsonl", "{}\n" + long + "\n{}\n" + long)
        for workers in [1, 2] {
            for chunk in [4096, 1 << 20, 3 << 20] {
                let read = Self.marked(try Self.lines(path, workers: workers, chunk: chunk))
                #expect(read == ["{}", "long y", "{}", "long y"], "workers \(workers), chunk \(chunk)")
            }
        }
        // Longer than a whole batch of standard input: the rest of the line is skipped.
        let fifo = NSTemporaryDirectory() + "eligcheck-long-\(UUID().uuidString)"
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let huge = "{}\n" + String(repeating: "z", count: 3 * CohortReader.maxLine) + "\n{}\n"
        let writer = Thread {
            let handle = FileHandle(forWritingAtPath: fifo)
            handle?.write(Data(huge.utf8))
            try? handle?.close()
        }
        writer.start()
        #expect(Self.marked(try Self.lines(fifo, workers: 1, chunk: 1024)) == ["{}", "long z", "{}"])
    }

    @Test("When merging fails, the error comes back and nothing more is merged")
    func mergeFailureStops() throws {
        let path = try CohortTests.temporary("lines.jsonl", Self.text)
        var merged = 0
        var reader = CohortReader(path: path, workers: 2)
        reader.chunkBytes = 8
        #expect(throws: CohortError.self) {
            try reader.run(makeWorker: { () }, work: { _, _ in 0 }, merge: { _ in
                merged += 1
                if merged == 3 { throw CohortError.cannotRead("stop") }
            })
        }
        #expect(merged == 3)
        #expect(Self.text.utf8.count / 8 > 3)
    }
}

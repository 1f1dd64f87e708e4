import Foundation
import Testing
@testable import EligibilityServer

/// The thread that writes standard error loses no byte, keeps each caller's order and
/// splits no line, and `flush()` returns only when all of it is out.
@Suite struct StandardErrorWriterTests {
    @Test func linesFromManyThreadsArriveWholeAndInOrder() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stderr-\(UUID().uuidString)").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(descriptor >= 0)
        defer { close(descriptor); unlink(path) }
        let writer = StandardErrorWriter(descriptor: descriptor)
        let threads = 4, lines = 3_000
        // Long enough lines that the waiting bytes pass the limit now and then.
        let padding = String(repeating: "x", count: 400)
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for n in 0..<lines { writer.write(Array("thread \(thread) line \(n) \(padding)\n".utf8)) }
        }
        writer.flush()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let written = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(written.count == threads * lines + 1 && written.last == "")
        var next = Array(repeating: 0, count: threads)
        for line in written.dropLast() {
            let words = line.split(separator: " ")
            guard words.count == 5, let thread = Int(words[1]), let n = Int(words[3]), words[4] == Substring(padding),
                  (0..<threads).contains(thread) else {
                Issue.record("a line split or mixed: \(line.prefix(60))")
                return
            }
            #expect(n == next[thread], "thread \(thread): line \(n) where \(next[thread]) was due")
            next[thread] = n + 1
        }
        #expect(next == Array(repeating: lines, count: threads))
    }

    @Test func flushWithNothingHandedOverReturns() {
        let writer = StandardErrorWriter(descriptor: 2)
        writer.flush()
        writer.write([])
        writer.flush()
    }
}

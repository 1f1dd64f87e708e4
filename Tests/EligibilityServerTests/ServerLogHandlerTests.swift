import Foundation
import Logging
import Synchronization
import Testing
@testable import EligibilityServer

/// The server's log handler writes the very line swift-log's `StreamLogHandler` writes.
@Suite struct ServerLogHandlerTests {
    /// A stream that keeps what is written to it.
    final class Captured: TextOutputStream, @unchecked Sendable {
        var text = ""
        func write(_ string: String) { text += string }
    }

    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
    }

    /// Logs the same events through both handlers, within one second (tried again at a
    /// second's turn), and returns the two texts.
    private func both(_ body: (inout Logger) -> Void) -> (ours: String, stream: String) {
        for _ in 0..<5 {
            let captured = Captured()
            let lines = Lines()
            let before = time(nil)
            var stream = Logger(label: "eligcheck.serve") { label in
                StreamLogHandler(label: label, stream: captured, metadataProvider: nil)
            }
            var ours = Logger(label: "eligcheck.serve") { label in
                ServerLogHandler(label: label, metadataProvider: nil) { bytes in
                    lines.lines.withLock { $0.append(String(decoding: bytes, as: UTF8.self)) }
                }
            }
            body(&stream)
            body(&ours)
            if time(nil) == before { return (lines.lines.withLock { $0.joined() }, captured.text) }
        }
        Issue.record("the clock turned a second in each of five tries")
        return ("", "")
    }

    @Test("a request line: the handler's metadata and the call's, sorted, with time, level, label and source")
    func requestLine() {
        let (ours, stream) = both { logger in
            logger.logLevel = .info
            logger[metadataKey: "hb.request.id"] = "3f2a"
            logger.info("request", metadata: ["method": "POST", "path": "/v1/check", "status": .stringConvertible(200), "ms": "12.345"])
        }
        #expect(ours == stream)
        #expect(ours.hasSuffix(" info eligcheck.serve: hb.request.id=3f2a method=POST ms=12.345 path=/v1/check status=200 [EligibilityServerTests] request\n"))
    }

    @Test("lines without metadata, with an error, and below the level")
    func otherLines() {
        struct Broken: Error {}
        let (ours, stream) = both { logger in
            logger.logLevel = .info
            logger.warning("rules reload refused")
            logger.error("failed", error: Broken())
            logger.debug("not written")
            logger.critical("nested", metadata: ["list": ["a", "b"], "map": ["k": "v"]])
        }
        #expect(ours == stream)
        #expect(ours.split(separator: "\n").count == 3)
        #expect(!ours.contains("not written"))
    }

    @Test("the time stamp is local time to the second, made again when the second changes")
    func stamp() {
        let first = String(decoding: ServerLogHandler.stamp(1_700_000_000), as: UTF8.self)
        let again = String(decoding: ServerLogHandler.stamp(1_700_000_000), as: UTF8.self)
        let next = String(decoding: ServerLogHandler.stamp(1_700_000_001), as: UTF8.self)
        #expect(first == again)
        #expect(first != next)
        #expect(first.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}/) != nil, "\(first)")
    }
}

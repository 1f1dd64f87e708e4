import Foundation
import Testing

/// Slow clients cannot hold the server: a request head trickled a line at a time is cut
/// after `ServerLimits.idleTimeout` (10 s), and checks answer meanwhile; a body trickled a
/// byte at a time gets 408 after `ServerLimits.bodyTimeout` (30 s) and its connection closed.
///
/// Every step is a blocking socket call against the real server, and only the server's
/// behaviour is bounded, not the test process's: in a full `swift test` the test process
/// itself is busy enough that an await may resume tens of seconds late.
@Suite struct SlowClientTests {
    @Test func aTrickledRequestHeadIsCutAfterTheIdleTimeoutAndChecksAnswerMeanwhile() throws {
        let server = try ServeEndToEndTests.Server([])
        defer { _ = server.stop() }
        let opened = ContinuousClock.now
        let slow = try (0..<50).map { _ in
            let connection = try RawConnection(port: server.port, timeout: 40)
            connection.send("POST /v1/check HTTP/1.1\r\nHost: localhost\r\n")
            return connection
        }
        // A check while the 50 are open: it is answered (before, as after, the slow ones).
        let patient = try String(contentsOf: ServerFixture.root.appendingPathComponent("bench/patient.json"), encoding: .utf8)
        let check = try RawConnection(port: server.port, timeout: 40)
        check.send("POST /v1/check HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: \(patient.utf8.count)\r\n\r\n" + patient)
        let answer = check.readAll()
        #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(answer.prefix(200))")
        // One more header line on each: not a whole request part, so not activity.
        for connection in slow { connection.send("X-Slow: 1\r\n") }
        for connection in slow {
            #expect(connection.readAll() == "", "the server answered a request it never got whole")
            #expect(connection.closedByServer, "still open after 40 s")
        }
        let cut = ContinuousClock.now - opened
        #expect(cut >= .seconds(9), "cut after \(cut), before the idle timeout")
    }

    @Test func aTrickledBodyGets408AfterTheBodyTimeoutAndItsConnectionClosed() throws {
        let server = try ServeEndToEndTests.Server([])
        defer { _ = server.stop() }
        let connection = try RawConnection(port: server.port, timeout: 60)
        let opened = ContinuousClock.now
        connection.send("POST /v1/check HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
        // A byte every two seconds for 50 s, each a read the server sees (sending only uses
        // the socket, which never changes; after the server has closed it a send fails quietly).
        nonisolated(unsafe) let trickle = connection
        let sender = Thread {
            for _ in 0..<25 {
                Thread.sleep(forTimeInterval: 2)
                trickle.send(" ")
            }
        }
        sender.start()
        let answer = connection.readAll()
        let cut = ContinuousClock.now - opened
        #expect(answer.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"), "\(answer.prefix(200))")
        #expect(answer.contains("\r\nConnection: close\r\n"))
        #expect(answer.hasSuffix("\"error\": \"the body did not arrive within 30 seconds; send it whole and at once\",\n  \"problems\": [\n    {\n      \"at\": null,\n      \"message\": \"the body did not arrive within 30 seconds; send it whole and at once\"\n    }\n  ]\n}\n"), "\(answer)")
        #expect(connection.closedByServer, "still open after 60 s")
        #expect(cut >= .seconds(29), "answered after \(cut), before the body timeout")
    }
}

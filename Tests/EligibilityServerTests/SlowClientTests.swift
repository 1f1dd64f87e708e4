import Foundation
import Testing

/// Slow clients cannot hold the server: a request head trickled a line at a time is cut
/// after `ServerLimits.idleTimeout` (10 s), and checks answer meanwhile.
@Suite struct SlowClientTests {
    @Test func aTrickledRequestHeadIsCutAfterTheIdleTimeoutAndChecksAnswerMeanwhile() async throws {
        let server = try ServeEndToEndTests.Server([])
        defer { _ = server.stop() }
        let opened = ContinuousClock.now
        let slow = try (0..<50).map { _ in
            let connection = try RawConnection(port: server.port, timeout: 20)
            connection.send("POST /v1/check HTTP/1.1\r\nHost: localhost\r\n")
            return connection
        }
        let patient = try Data(contentsOf: ServerFixture.root.appendingPathComponent("bench/patient.json"))
        let (status, _) = try await server.call("/v1/check", body: patient)
        #expect(status == 200)
        #expect(ContinuousClock.now - opened < .seconds(5))
        // One more header line on each after 5 s: it is not a whole request part, so it
        // does not count as activity.
        try await Task.sleep(for: .seconds(5))
        for connection in slow { connection.send("X-Slow: 1\r\n") }
        for connection in slow {
            #expect(connection.readAll() == "", "the server answered a request it never got whole")
        }
        let cut = ContinuousClock.now - opened
        #expect(cut >= .seconds(9) && cut < .seconds(16), "cut after \(cut)")
    }
}

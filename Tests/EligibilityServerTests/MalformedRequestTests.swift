import Foundation
import Testing

/// Requests broken below JSON, at the HTTP framing, against the real server.
@Suite struct MalformedRequestTests {
    static let head = "POST /v1/check HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"

    @Test func aMalformedChunkedBodyIs400() async throws {
        let server = try ServeEndToEndTests.Server([])
        defer { _ = server.stop() }
        // A chunk size that is no hex number; a chunk longer than its size says.
        for body in ["zz\r\n{}\r\n0\r\n\r\n", "2\r\n{\"id\": 1}\r\n0\r\n\r\n"] {
            let connection = try RawConnection(port: server.port)
            connection.send(Self.head + body)
            let answer = connection.readAll()
            #expect(answer.hasPrefix("HTTP/1.1 400 Bad Request\r\n"), "\(answer)")
            #expect(answer.contains(#""error": "the body could not be read: its chunked transfer encoding is malformed (each chunk is a hex size, CRLF, that many bytes, CRLF; a chunk of size 0 ends the body)""#))
        }
    }
}

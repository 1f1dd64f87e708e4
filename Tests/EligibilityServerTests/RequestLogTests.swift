import Eligibility
import EligibilityServer
import Foundation
import Hummingbird
import HummingbirdTesting
import InMemoryLogging
import Logging
import Testing

/// One log line per request, with method, path, status, time and request id, and never a
/// patient value.
@Suite struct RequestLogTests {
    /// Values from the bodies sent below that must never reach the log.
    static let patientValues = ["p-7f3e-private", "Uniquetown", "F41.1", "DF411", "Jensen", "Mette", "Søndergade",
                                "1997-03-14", "dk-pt-1", "agee", "Viborg", "8800", "service=dk.gp.talk_therapy", "2026-01-05",
                                "0101701234", "nowhere"]

    @Test func oneLinePerRequestAndNoPatientValues() async throws {
        let handler = InMemoryLogHandler()
        let logger = Logger(label: "test", factory: { _ in handler })
        let patient = "{\"id\": \"p-7f3e-private\", \"jurisdiction\": \"DK\", \"residence\": {\"municipality\": \"Uniquetown\"}, \"diagnosis\": {\"icd10\": \"F41.1\"}}"
        let cds = try Data(contentsOf: CDSHooksTests.fixtures.appendingPathComponent("dk-order-select.json"))
        // The request, and the route pattern its log line names.
        let requests: [(String, HTTPRequest.Method, ByteBuffer?, HTTPResponse.Status, String)] = [
            ("/healthz", .get, nil, .ok, "/healthz"),
            ("/v1/check?service=dk.gp.talk_therapy&as_of=2026-01-05", .post, ByteBuffer(string: patient), .ok, "/v1/check"),
            ("/v1/check", .post, ByteBuffer(string: "{\"id\": \"x\", \"agee\": 1}"), .unprocessableContent, "/v1/check"),
            ("/cds-services/eligcheck-referral", .post, ByteBuffer(data: cds), .ok, "/cds-services/{id}"),
            ("/cds-services/0101701234?name=Jensen", .post, ByteBuffer(data: cds), .notFound, "/cds-services/{id}"),
            ("/nowhere/0101701234", .get, nil, .notFound, "NotFound"),
        ]
        try await ServerFixture.app(logger: logger, today: { CDSHooksTests.day }).test(.router) { client in
            for (uri, method, body, status, _) in requests {
                try await client.execute(uri: uri, method: method, headers: [.contentType: "application/json"], body: body) { response in
                    #expect(response.status == status)
                }
            }
        }
        let lines = handler.entries.filter { $0.message == "request" }
        #expect(lines.count == requests.count)
        #expect(handler.entries.count == requests.count, "only the request lines: \(handler.entries.map(\.message))")
        for (line, request) in zip(lines, requests) {
            #expect(line.level == .info)
            #expect(line.metadata["method"] == .string(request.1.rawValue))
            #expect(line.metadata["path"] == .string(request.4))
            #expect(line.metadata["status"]?.description == String(request.3.code))
            let ms = line.metadata["ms"]?.description ?? ""
            #expect(ms.range(of: #"^[0-9]+\.[0-9]{3}$"#, options: .regularExpression) != nil, "ms: \(ms)")
            #expect(line.metadata["hb.request.id"] != nil)
            #expect(line.metadata.keys.sorted() == ["hb.request.id", "method", "ms", "path", "status"])
        }
        #expect(Set(lines.compactMap { $0.metadata["hb.request.id"]?.description }).count == requests.count)
        let everything = handler.entries.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
        for value in Self.patientValues {
            #expect(!everything.contains(value), "the log holds '\(value)'")
        }
    }
}

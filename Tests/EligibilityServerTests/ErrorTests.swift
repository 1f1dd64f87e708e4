import Eligibility
import EligibilityServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Every error is JSON with its status, the whole message and where it is.
@Suite struct ErrorTests {
    static let headers: HTTPFields = [.contentType: "application/json"]

    /// `{"status":..,"error":..,"problems":[{"at":..,"message":..}]}` as printed.
    static func error(_ status: Int, _ problems: [(String?, String)]) -> String {
        var out = "{\n  \"status\": \(status),\n  \"error\": \"\(problems.map { p in p.0.map { "\($0): \(p.1)" } ?? p.1 }.joined(separator: "\\n").replacingOccurrences(of: "\"", with: "\\\""))\",\n  \"problems\": ["
        out += problems.map { p in
            "\n    {\n      \"at\": \(p.0.map { "\"\($0)\"" } ?? "null"),\n      \"message\": \"\(p.1.replacingOccurrences(of: "\"", with: "\\\""))\"\n    }"
        }.joined(separator: ",")
        return out + (problems.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    }

    func expectError(_ uri: String, method: HTTPRequest.Method = .post, headers: HTTPFields = headers, body: String?,
                     status: HTTPResponse.Status, _ problems: [(String?, String)]) async throws {
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
                #expect(response.status == status)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(response.text == Self.error(Int(status.code), problems))
            }
        }
    }

    @Test func malformedJSONIs400WithLineAndColumn() async throws {
        try await expectError("/v1/check", body: "{\n  \"id\": \"p1\",\n  \"age\": 34,,\n}", status: .badRequest,
                              [("body:3:13", "JSON: expected a quoted key, found ','")])
    }

    @Test func unknownFactIs422WithTheClosestFact() async throws {
        try await expectError("/v1/check", body: "{\"id\": \"p1\", \"jurisdiction\": \"DK\", \"agee\": 34}", status: .unprocessableContent,
                              [("body:1:36", "unknown fact 'agee'; did you mean 'age'?")])
    }

    @Test func wrongTypeIs422() async throws {
        try await expectError("/v1/plan", body: "{\"id\": \"p1\", \"jurisdiction\": \"DK\", \"age\": \"old\"}", status: .unprocessableContent,
                              [("body:1:43", "fact 'age' must be a whole number; found the text \"old\"")])
    }

    @Test func factGivenTwiceIs422AtBothPlaces() async throws {
        try await expectError("/v1/check", body: #"{"id": "p1", "jurisdiction": "SE", "income": {"annual": 500000}, "income.annual": 0}"#,
                              status: .unprocessableContent,
                              [("body:1:66", "fact 'income.annual' given twice: here and at 1:47")])
    }

    @Test func numberWithLeadingZeroOrUnderflowIs422() async throws {
        try await expectError("/v1/check", body: #"{"id": "p1", "jurisdiction": "SE", "age": 030, "income": {"annual": 1e-400}}"#,
                              status: .unprocessableContent, [
                                  ("body:1:43", "fact 'age' must be a number written in decimal without leading zeros; found 030"),
                                  ("body:1:69", "fact 'income.annual' must be a number that can be held (about 2.2e-308 at the smallest); found 1e-400, which underflows to 0"),
                              ])
    }

    @Test func manyUnknownKeysAre422AtTheFirstKeyOverTheLimit() async throws {
        // 260 KB, 24,000 keys: refused at key 1,001 without reading the rest.
        let body = "{\"id\":\"p1\",\"jurisdiction\":\"DK\"" + (0..<24_000).map { String(format: ",\"k%05d\":1", $0) }.joined() + "}"
        try await expectError("/v1/check", body: body, status: .unprocessableContent,
                              [("body:1:11010", "an object may have at most 1000 keys; this is key 1001")])
    }

    @Test func theFirst20ProblemsAreWordedAndTheRestCounted() async throws {
        let body = "{\"id\":\"p1\",\"jurisdiction\":\"DK\"" + (0..<900).map { String(format: ",\"k%03d\":1", $0) }.joined() + "}"
        let worded = (0..<20).map { (Optional("body:1:\(32 + 9 * $0)"), String(format: "unknown fact 'k%03d'", $0)) }
        try await expectError("/v1/check", body: body, status: .unprocessableContent, worded + [(nil, "and 880 more problems")])
    }

    @Test func noJurisdictionIs422() async throws {
        try await expectError("/v1/check", body: "{\"id\": \"p1\", \"age\": 34}", status: .unprocessableContent,
                              [("body", "the patient has no 'jurisdiction' (DK, SE or NO); each country's rules apply to its own patients only")])
    }

    @Test func unknownServiceIs422WithTheClosestService() async throws {
        try await expectError("/v1/check?service=dk.gp.talk_therapi", body: "{\"id\": \"p1\", \"jurisdiction\": \"DK\"}", status: .unprocessableContent,
                              [("service", "unknown service 'dk.gp.talk_therapi'; did you mean 'dk.gp.talk_therapy'?")])
    }

    @Test func badDateIs400() async throws {
        try await expectError("/v1/questions?as_of=2026-13-01", body: "{\"id\": \"p1\", \"jurisdiction\": \"DK\"}", status: .badRequest,
                              [("as_of", "expected a date YYYY-MM-DD")])
    }

    @Test func eventAfterTheEvaluationDateIs422() async throws {
        let body = "{\"id\": \"p1\", \"jurisdiction\": \"SE\", \"employment\": {\"sick_leave_start\": \"2026-03-01\"}}"
        let hint = "it says when something happened, so it cannot lie after the evaluation date (check the date, the patient's as_of or --as-of)"
        try await expectError("/v1/check?as_of=2026-02-01", body: body, status: .unprocessableContent,
                              [("body:1:71", "fact 'employment.sick_leave_start' is 2026-03-01, after the evaluation date 2026-02-01; \(hint)")])
        // The patient's own as_of counts when the query sets none.
        let dated = body.replacingOccurrences(of: "{\"id\"", with: "{\"as_of\": \"2026-01-15\", \"id\"")
        try await expectError("/v1/plan", body: dated, status: .unprocessableContent,
                              [("body:1:94", "fact 'employment.sick_leave_start' is 2026-03-01, after the evaluation date 2026-01-15; \(hint)")])
    }

    @Test func bodyOtherThanJSONIs415() async throws {
        try await expectError("/v1/check", headers: [.contentType: "text/plain"], body: "id: p1", status: .unsupportedMediaType,
                              [("Content-Type", "the body must be JSON: send Content-Type: application/json (found 'text/plain')")])
        try await expectError("/v1/check", headers: [:], body: "{}", status: .unsupportedMediaType,
                              [("Content-Type", "the body must be JSON: send Content-Type: application/json (found none)")])
    }

    @Test func bodyOver1MiBIs413() async throws {
        let big = "{\"id\": \"" + String(repeating: "x", count: 1 << 20) + "\"}"
        try await expectError("/v1/check", body: big, status: .contentTooLarge,
                              [(nil, "the body is larger than 1048576 bytes (1 MiB)")])
    }

    @Test func unknownPathIs404() async throws {
        try await expectError("/v1/chek", body: "{}", status: .notFound,
                              [(nil, "no such endpoint; see GET /v1/services, /v1/facts, /cds-services")])
    }

    @Test func unknownJurisdictionIs400() async throws {
        try await expectError("/v1/services?jurisdiction=DE", method: .get, body: nil, status: .badRequest,
                              [("jurisdiction", "expected one of DK, NO, SE, found 'DE'; did you mean 'DK'?")])
        try await expectError("/v1/services?jurisdiction=dk", method: .get, body: nil, status: .badRequest,
                              [("jurisdiction", "expected one of DK, NO, SE, found 'dk'; did you mean 'DK'?")])
    }
}

extension ErrorTests {
    @Test func aBodyThatIsNoJSONObjectIsRefused() async throws {
        try await expectError("/v1/check", body: "id: p1\njurisdiction: DK\n", status: .badRequest,
                              [("body:1:1", "JSON: expected a value (object, list, text in double quotes, number, true, false or null), found 'i'")])
        try await expectError("/v1/check", body: " [1, 2]", status: .unprocessableContent,
                              [("body", "a patient must be a JSON object of facts")])
    }
}

import Eligibility
@testable import EligibilityWorkspace
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite struct CaseAPITests {
    static let json: HTTPFields = [.contentType: "application/json"]

    @Test(arguments: StoreKind.allCases) func aCaseIsCreatedReadAndUpdated(_ kind: StoreKind) async throws {
        guard let store = try await kind.freshStore() else { return }
        let (router, service) = try workspaceRouter(store: store)
        try await Application(router: router).test(.router) { client in
            let body = #"{"label": "T-1", "facts": {"jurisdiction": "SE", "age": 47, "employment": {"status": "sick_leave", "steady_job": true}}}"#
            try await client.execute(uri: "/v1/cases", method: .post, headers: Self.json, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .created)
                #expect(String(buffer: response.body) == #"{"id":1,"version":1}"# + "\n")
                #expect(response.headers[.location] == "/v1/cases/1")
            }
            let update = #"{"version": 1, "facts": {"jurisdiction": "SE", "age": 48}}"#
            try await client.execute(uri: "/v1/cases/1", method: .put, headers: Self.json, body: ByteBuffer(string: update)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"id":1,"version":2}"# + "\n")
            }
            try await client.execute(uri: "/v1/cases/1", method: .get) { response in
                #expect(response.status == .ok)
                let value = try JSONValue.parse(String(buffer: response.body), name: "response")
                #expect(value["label"] == .string("T-1"))
                #expect(value["team"] == .string(""))
                #expect(value["version"] == .integer(2))
                #expect(value["facts"] == .object([("age", .integer(48)), ("jurisdiction", .string("SE"))]))
                guard case .array(let history) = value["history"] else { Issue.record("no history"); return }
                #expect(history.count == 8)
                #expect(history.last == .object([("at", history.last?["at"] ?? .null), ("version", .integer(2)),
                                                 ("fact", .string("employment.steady_job")), ("old", .string("true")), ("new", .null),
                                                 ("by", .string("local user (no sign-in)"))]))
                guard case .array(let statuses) = value["evaluation"]?["statuses"] else { Issue.record("no statuses"); return }
                #expect(statuses.map { $0["id"] } == [.string("se.social_insurance.referral_to_employment"),
                                                       .string("se.employment.job_support"),
                                                       .string("se.municipality.financial_aid")])
            }
            try await client.execute(uri: "/v1/cases/1/patient", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"id":"T-1","age":48,"jurisdiction":"SE"}"# + "\n")
                #expect(response.headers[.contentDisposition] == "attachment; filename=\"case-1.json\"")
            }
            let expected = try service.report(for: try await service.fetch(id: 1).facts, label: "T-1").rendered(as: .json)
            try await client.execute(uri: "/v1/cases/1/report", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == expected)
                #expect(String(buffer: response.body).hasPrefix("{\n  \"patient\": \"T-1\""))
            }
            try await client.execute(uri: "/v1/cases/1", method: .delete) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/v1/cases/1", method: .get) { response in
                #expect(response.status == .notFound)
                let answer = try Self.parse(response)
                #expect(answer == Self.error(404, [(nil, "no case 1")]))
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func aSaveFromAStaleVersionGets409(_ kind: StoreKind) async throws {
        guard let store = try await kind.freshStore() else { return }
        let (router, service) = try workspaceRouter(store: store)
        let created = try await service.create(label: "T-2", facts: trapFacts(income: 1), by: .test)
        try await Application(router: router).test(.router) { client in
            let first = #"{"version": 1, "facts": {"age": 30}}"#
            let second = #"{"version": 1, "facts": {"age": 31}}"#
            try await client.execute(uri: "/v1/cases/\(created.id)", method: .put, headers: Self.json,
                                     body: ByteBuffer(string: first)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/cases/\(created.id)", method: .put, headers: Self.json,
                                     body: ByteBuffer(string: second)) { response in
                #expect(response.status == .conflict)
                let answer = try Self.parse(response)
                #expect(answer == Self.error(409, [("version", "case 1 was changed by someone else: this save started from version 1, the case is now at version 2; reload it and make the change again")]))
            }
        }
        #expect(try await service.fetch(id: created.id).facts.values["age"] == .integer(30))
    }

    @Test func aBadBodyIsRefusedWithTheLocationOfEachProblem() async throws {
        let (router, _) = try workspaceRouter()
        try await Application(router: router).test(.router) { client in
            let body = "{\"label\": \"\",\n \"facts\": {\"age\": \"old\", \"employment\": {\"stats\": \"employed\"}},\n \"colour\": 1}"
            try await client.execute(uri: "/v1/cases", method: .post, headers: Self.json, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .unprocessableContent)
                let answer = try Self.parse(response)
                #expect(answer == Self.error(422, [
                    ("body:1:11", "the label must not be empty: give the case a pseudonym (no name is needed)"),
                    ("body:2:19", "fact 'age' must be a whole number; found the text \"old\""),
                    ("body:2:41", "unknown fact 'employment.stats'; did you mean 'employment.status'?"),
                    ("body:3:2", "unknown key \"colour\"; expected \"label\", \"facts\", \"version\" or \"team\""),
                ]))
            }
            try await client.execute(uri: "/v1/cases", method: .post, headers: Self.json, body: ByteBuffer(string: "{\"label\": ")) { response in
                #expect(response.status == .badRequest)
                guard case .array(let problems) = try Self.parse(response)["problems"] else { Issue.record("no problems"); return }
                #expect(problems.map { $0["at"] } == [.string("body:1:11")])
            }
            try await client.execute(uri: "/v1/cases", method: .post, body: ByteBuffer(string: "label=x")) { response in
                #expect(response.status == .unsupportedMediaType)
                let answer = try Self.parse(response)
                #expect(answer == Self.error(415, [("Content-Type", "the body must be JSON: send Content-Type: application/json (found none)")]))
            }
        }
    }

    /// A past event dated after the case's own as_of is refused when the case is saved, as
    /// its report would refuse it (schemathesis saved such a case, whose report was then 422).
    @Test func aPastEventAfterTheCasesAsOfIsRefusedOnSave() async throws {
        let rules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("rules")
        let service = CaseService(store: try CaseStore(path: temporaryDatabasePath()), engine: try Engine(rules: [rules.path]),
                                  logger: Logger(label: "test"))
        let router = Router()
        router.addRoutes(try Workspace(service: service).routes(context: BasicRequestContext.self))
        try await Application(router: router).test(.router) { client in
            let body = #"{"label": "D-1", "facts": {"as_of": "2026-01-10", "jurisdiction": "DK", "diagnosis": {"since": "2026-03-01"}}}"#
            try await client.execute(uri: "/v1/cases", method: .post, headers: Self.json, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .unprocessableContent)
                let answer = try Self.parse(response)
                #expect(answer == Self.error(422, [
                    ("body:1:96", "fact 'diagnosis.since' is 2026-03-01, after the evaluation date 2026-01-10; it says when something happened, so it cannot lie after the evaluation date (check the date, the patient's as_of or --as-of)"),
                ]))
            }
            let earlier = #"{"label": "D-1", "facts": {"as_of": "2026-01-10", "jurisdiction": "DK", "diagnosis": {"since": "2025-11-01"}}}"#
            try await client.execute(uri: "/v1/cases", method: .post, headers: Self.json, body: ByteBuffer(string: earlier)) { response in
                #expect(response.status == .created)
            }
            try await client.execute(uri: "/v1/cases/1/report", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    /// A label's length is counted in Unicode scalars, as the description's maxLength is:
    /// 61 accented letters written with combining accents are 122, one over.
    @Test func aLabelIsCountedInUnicodeScalars() {
        #expect(CaseRequest.labelProblem(String(repeating: "e\u{301}", count: 60)) == nil)
        #expect(CaseRequest.labelProblem(String(repeating: "e\u{301}", count: 61)) == "the label is 122 characters long; at most 120 are allowed")
    }

    @Test func aFactGivenTwiceInACaseIsRefusedAtBothPlaces() async throws {
        let (router, _) = try workspaceRouter()
        try await Application(router: router).test(.router) { client in
            let body = #"{"label": "A-1", "facts": {"jurisdiction": "SE", "income": {"annual": 500000}, "income.annual": +0}}"#
            try await client.execute(uri: "/v1/cases", method: .post, headers: Self.json, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .unprocessableContent)
                let answer = try Self.parse(response)
                #expect(answer == Self.error(422, [
                    ("body:1:80", "fact 'income.annual' given twice: here and at 1:61"),
                ]))
            }
        }
    }

    static func parse(_ response: TestResponse) throws -> JSONValue {
        try JSONValue.parse(String(buffer: response.body), name: "response")
    }

    /// The server's JSON error: `{"status", "error", "problems": [{"at", "message"}]}`.
    static func error(_ status: Int, _ problems: [(String?, String)]) -> JSONValue {
        .object([
            ("status", .integer(status)),
            ("error", .string(problems.map { at, message in at.map { "\($0): \(message)" } ?? message }.joined(separator: "\n"))),
            ("problems", .array(problems.map { at, message in
                .object([("at", at.map(JSONValue.string) ?? .null), ("message", .string(message))])
            })),
        ])
    }
}

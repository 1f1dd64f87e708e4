@testable import EligibilityWorkspace
import Foundation
import Hummingbird
import HummingbirdTesting
import InMemoryLogging
import Logging
import Testing

@Suite struct CasePagesTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    static func form(cookie: String) -> HTTPFields {
        [.contentType: "application/x-www-form-urlencoded", .cookie: cookie]
    }

    /// The CSRF cookie a page sets and the token its form carries.
    static func token(_ response: TestResponse) -> (cookie: String, field: String)? {
        guard let setCookie = response.headers[.setCookie],
              let pair = setCookie.split(separator: ";").first else { return nil }
        let page = String(buffer: response.body)
        guard let range = page.range(of: #"name="csrf_token" value=""#) else { return nil }
        let field = page[range.upperBound...].prefix { $0 != "\"" }
        return (String(pair), String(field))
    }

    @Test func aFormWithoutTheBrowsersTokenIsRefusedAndChangesNothing() async throws {
        let (router, service) = try workspaceRouter()
        let created = try await service.create(label: "P-1", facts: trapFacts(income: 1), by: .test)
        try await Application(router: router).test(.router) { client in
            let page = try await client.execute(uri: "/cases/\(created.id)", method: .get)
            #expect(page.status == .ok)
            let setCookie = page.headers[.setCookie] ?? ""
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Strict"))
            let token = try #require(Self.token(page))
            #expect(token.cookie == "eligcheck_csrf=\(token.field)")

            let fields = "version=1&label=P-1&jurisdiction=SE&age=50"
            // No token at all; a token from another browser; the right token without the cookie.
            let refused: [(HTTPFields, String)] = [
                (Self.form(cookie: token.cookie), fields),
                (Self.form(cookie: token.cookie), "csrf_token=\(String(repeating: "0", count: 64))&" + fields),
                (Self.form, "csrf_token=\(token.field)&" + fields),
            ]
            for (headers, body) in refused {
                try await client.execute(uri: "/cases/\(created.id)", method: .post, headers: headers,
                                         body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .forbidden)
                    let text = String(buffer: response.body)
                    #expect(text.contains("<h1>The form was refused</h1>"))
                    #expect(text.contains("Its security token does not match this browser&#39;s"))
                }
            }
            try await client.execute(uri: "/cases/\(created.id)/delete", method: .post,
                                     headers: Self.form(cookie: token.cookie), body: ByteBuffer(string: "")) {
                #expect($0.status == .forbidden)
            }
            #expect(try await service.fetch(id: created.id).version == 1)

            try await client.execute(uri: "/cases/\(created.id)", method: .post, headers: Self.form(cookie: token.cookie),
                                     body: ByteBuffer(string: "csrf_token=\(token.field)&" + fields)) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/cases/\(created.id)?saved=2")
            }
        }
        let saved = try await service.fetch(id: created.id)
        #expect(saved.version == 2)
        #expect(saved.facts.values["age"] == .integer(50))
    }

    @Test(arguments: StoreKind.allCases) func theLogsHoldNoPatientValues(_ kind: StoreKind) async throws {
        let handler = InMemoryLogHandler()
        var logger = Logger(label: "test") { _ in handler }
        // The level `eligcheck serve` logs at, the store's (postgres-nio's) messages too.
        logger.logLevel = .info
        guard let store = try await kind.freshStore(logger: logger) else { return }
        let (router, service) = try workspaceRouter(store: store, logger: logger)
        router.add(middleware: LogRequestsMiddleware(.info))
        let label = "Zebra-Quokka-4471"
        let secrets = [label, "Xyzzyville", "917311", "Quokka"]
        try await Application(router: router, logger: logger).test(.router) { client in
            let body = #"{"label": "\#(label)", "facts": {"jurisdiction": "SE", "age": 61, "income": {"annual": 917311}, "residence": {"municipality": "Xyzzyville"}}}"#
            try await client.execute(uri: "/v1/cases", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: body)) { #expect($0.status == .created) }
            let page = try await client.execute(uri: "/cases/1", method: .get)
            #expect(String(buffer: page.body).contains("Xyzzyville"))
            let token = try #require(Self.token(page))
            let form = "csrf_token=\(token.field)&version=1&label=\(label)&jurisdiction=SE&age=62&income.annual=917311&residence.municipality=Xyzzyville"
            try await client.execute(uri: "/cases/1", method: .post, headers: Self.form(cookie: token.cookie),
                                     body: ByteBuffer(string: form)) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/v1/cases/1", method: .put, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: #"{"version": 1, "facts": {"age": 1}}"#)) { #expect($0.status == .conflict) }
            try await client.execute(uri: "/v1/cases", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: #"{"label": "\#(label)", "facts": {"age": "Quokka"}}"#)) {
                #expect($0.status == .unprocessableContent)
            }
            try await client.execute(uri: "/v1/cases/1", method: .delete) { #expect($0.status == .noContent) }
        }
        _ = service
        let lines = handler.entries.map { entry in
            "\(entry.message) \(entry.metadata.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " "))"
        }
        #expect(lines.contains { $0.hasPrefix("case created") })
        #expect(lines.contains { $0.hasPrefix("case saved") })
        #expect(lines.contains { $0.hasPrefix("stale save refused") })
        #expect(lines.contains { $0.hasPrefix("case deleted with its history") })
        for line in lines {
            for secret in secrets {
                #expect(!line.contains(secret), "a log line holds a patient value: \(line)")
            }
        }
    }
}

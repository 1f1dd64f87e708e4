import Eligibility
import EligibilityServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `GET /openapi.json`: the description of /v1 in the repository, served as it is. That
/// every /v1 route is described (and nothing more) is held by the workspace's
/// `OpenAPIRoutesTests`, where the case routes are on the router too.
@Suite struct OpenAPITests {
    static let file = ServerFixture.root.appendingPathComponent("Sources/EligibilityServer/API/openapi.json")

    /// The document as the repository holds it, parsed.
    static func document() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: try Data(contentsOf: file))
        return try #require(object as? [String: Any])
    }

    @Test func theServedDocumentIsTheFileAndNeedsNoToken() async throws {
        let expected = try Data(contentsOf: Self.file)
        let settings = try ServerSettings(host: "127.0.0.1", port: 0, token: "s3cret-token")
        try await ServerFixture.app(settings: settings).test(.router) { client in
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(Data(response.body.readableBytesView) == expected)
            }
            // Only GET is let through without the token.
            try await client.execute(uri: "/openapi.json", method: .post) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func theDocumentIsOpenAPI31() throws {
        let document = try Self.document()
        let version = try #require(document["openapi"] as? String)
        #expect(version.hasPrefix("3.1."))
        let schemes = (document["components"] as? [String: Any])?["securitySchemes"] as? [String: Any]
        let bearer = try #require(schemes?["bearerToken"] as? [String: Any])
        #expect(bearer["type"] as? String == "http")
        #expect(bearer["scheme"] as? String == "bearer")
        #expect((document["security"] as? [[String: Any]])?.first?.keys.sorted() == ["bearerToken"])
    }

    /// The patient schema names every fact a patient may state under the bundled rules,
    /// nested by its dotted name, with the JSON types its declaration takes, and no other.
    @Test func thePatientSchemaHasTheBundledFacts() throws {
        let schemas = (try Self.document()["components"] as? [String: Any])?["schemas"] as? [String: Any]
        let patient = try #require(schemas?["PatientFacts"] as? [String: Any])
        var described: [String: [String: Any]] = [:]
        for (key, value) in try #require(patient["properties"] as? [String: [String: Any]]) where key != "id" && key != "as_of" {
            if let inner = value["properties"] as? [String: [String: Any]] {
                for (name, schema) in inner { described["\(key).\(name)"] = schema }
            } else {
                described[key] = value
            }
        }
        let catalog = ServerFixture.engine.library.catalog
        let stated = catalog.inputNames
        #expect(described.keys.sorted() == stated.sorted())
        for name in stated {
            guard let entry = catalog[name], let schema = described[name] else { continue }
            switch entry.type {
            case .enumeration(let values):
                #expect(schema["enum"] as? NSArray == (values + [NSNull()]) as NSArray, "\(name)")
            case .bool:
                #expect(schema["type"] as? [String] == ["boolean", "null"], "\(name)")
            case .integer:
                #expect(schema["type"] as? [String] == ["integer", "null"], "\(name)")
            case .number:
                #expect(schema["type"] as? [String] == ["number", "null"], "\(name)")
            case .date:
                #expect(schema["type"] as? [String] == ["string", "null"] && schema["format"] as? String == "date", "\(name)")
            case .string:
                let types = entry.format == .icd10 ? ["string", "null"] : ["string", "number", "boolean", "null"]
                #expect(schema["type"] as? [String] == types, "\(name)")
            }
            #expect(schema["minimum"] as? Double == entry.min, "\(name)")
            #expect(schema["maximum"] as? Double == entry.max, "\(name)")
        }
    }

    /// A path that is served, with a method it is not served with: 405 naming the methods.
    @Test func anotherMethodOnAServedPathIs405() async throws {
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(uri: "/v1/facts", method: .trace) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
                #expect(response.text == ErrorTests.error(405, [("method", "TRACE is not served here; expected one of GET")]))
            }
            try await client.execute(uri: "/v1/check", method: .delete) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
            }
            try await client.execute(uri: "/cds-services/eligcheck-referral", method: .get) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
            }
            try await client.execute(uri: "/v1/nothing", method: .trace) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}

import Eligibility
@testable import EligibilityServer
import Hummingbird
import HummingbirdTesting
import Testing

/// The CDS clients file (`serve --cds-clients`) and where its JWT check applies. The check
/// itself, against a client that signs and serves its JWK Set over HTTPS, is in
/// Tests/cdshooks (Python).
@Suite struct CDSClientsTests {
    static func problems(_ text: String) -> [String] {
        do {
            _ = try CDSClients.parse(SourceText(name: "clients.yaml", text: text))
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test("A clients file is read with its service address, trust file and clients")
    func reads() throws {
        let clients = try CDSClients.parse(SourceText(name: "clients.yaml", text: """
        service_url: https://cds.region.example/
        clients:
          - iss: https://ehr.region.example
            jwks: https://ehr.region.example/jwks.json
          - iss: https://other.example
            jwks: [https://other.example/a.json, https://other.example/b.json]
            sub: [client-1, client-2]
        """))
        #expect(clients.serviceURL == "https://cds.region.example")
        #expect(clients.trustFile == nil)
        #expect(clients.clients["https://ehr.region.example"]?.keySets == ["https://ehr.region.example/jwks.json"])
        #expect(clients.clients["https://ehr.region.example"]?.subjects == [])
        #expect(clients.clients["https://other.example"]?.keySets == ["https://other.example/a.json", "https://other.example/b.json"])
        #expect(clients.clients["https://other.example"]?.subjects == ["client-1", "client-2"])
    }

    @Test("Every problem of a clients file is reported at its place")
    func problems() {
        #expect(Self.problems("""
        service_url: cds.region.example
        trust: /no/such/file.pem
        client:
          - iss: x
        clients:
          - iss: https://ehr.example
            jwks: http://ehr.example/jwks.json
          - jwks: https://b.example/jwks.json
            subject: [a]
          - iss: https://c.example
            jwks: https://c.example/jwks.json
          - iss: https://c.example
            jwks: https://c.example/other.json
        """) == [
            "clients.yaml:1:14: error: 'service_url' must be an http:// or https:// address, found 'cds.region.example'\nservice_url: cds.region.example\n             ^",
            "clients.yaml:2:8: error: 'trust' names a file that cannot be read: /no/such/file.pem\ntrust: /no/such/file.pem\n       ^",
            "clients.yaml:3:1: error: unknown key 'client'; expected service_url, trust or clients\nclient:\n^",
            "clients.yaml:7:11: error: 'jwks' must be an https:// address, found 'http://ehr.example/jwks.json'\n    jwks: http://ehr.example/jwks.json\n          ^",
            "clients.yaml:9:5: error: unknown key 'subject'; expected iss, jwks, sub or fhir_servers\n    subject: [a]\n    ^",
            "clients.yaml:8:5: error: a client needs 'iss': the issuer its tokens name\n  - jwks: https://b.example/jwks.json\n    ^",
            "clients.yaml:12:5: error: a second client with iss 'https://c.example'; each issuer is listed once\n  - iss: https://c.example\n    ^",
        ])
        #expect(Self.problems("trust: 3\n") == [
            "clients.yaml:1:8: error: 'trust' names a file that cannot be read: 3\ntrust: 3\n       ^",
            "clients.yaml:1:1: error: 'service_url' is missing: the address record systems call this service at (the audience of their tokens)\ntrust: 3\n^",
            "clients.yaml:1:1: error: 'clients' is missing: the record systems allowed to call\ntrust: 3\n^",
        ])
        #expect(Self.problems("") == ["clients.yaml: error: the CDS clients file is empty"])
    }

    @Test("A client's FHIR servers are HTTPS base URLs, or HTTP on loopback, and a call's fhirServer must be one exactly")
    func fhirServers() throws {
        let clients = try CDSClients.parse(SourceText(name: "clients.yaml", text: """
        service_url: https://cds.region.example
        clients:
          - iss: https://ehr.region.example
            jwks: https://ehr.region.example/jwks.json
            fhir_servers: [https://fhir.region.example/r4/, http://127.0.0.1:8081/fhir]
        """))
        let client = try #require(clients.clients["https://ehr.region.example"])
        #expect(client.fhirServers == ["https://fhir.region.example/r4/", "http://127.0.0.1:8081/fhir"])
        #expect(client.fhirServer("https://fhir.region.example/r4") == "https://fhir.region.example/r4")
        #expect(client.fhirServer("http://127.0.0.1:8081/fhir/") == "http://127.0.0.1:8081/fhir")
        #expect(client.fhirServer("https://fhir.region.example/r4/Patient") == nil)
        #expect(client.fhirServer("https://fhir.region.example") == nil)
        #expect(client.fhirServer("http://fhir.region.example/r4") == nil)
        #expect(Self.problems("""
        service_url: https://cds.region.example
        clients:
          - iss: https://ehr.region.example
            jwks: https://ehr.region.example/jwks.json
            fhir_servers: [http://fhir.region.example/r4, https://fhir.region.example/r4?_format=json, https://user@fhir.region.example, ftp://127.0.0.1/]
        """).map { String($0.split(separator: "\n")[0]) } == [
            "clients.yaml:5:20: error: 'fhir_servers' must be base URLs such as https://fhir.region.example/r4 (http:// only on a loopback address, for tests; no query or user), found 'http://fhir.region.example/r4'",
            "clients.yaml:5:51: error: 'fhir_servers' must be base URLs such as https://fhir.region.example/r4 (http:// only on a loopback address, for tests; no query or user), found 'https://fhir.region.example/r4?_format=json'",
            "clients.yaml:5:96: error: 'fhir_servers' must be base URLs such as https://fhir.region.example/r4 (http:// only on a loopback address, for tests; no query or user), found 'https://user@fhir.region.example'",
            "clients.yaml:5:130: error: 'fhir_servers' must be base URLs such as https://fhir.region.example/r4 (http:// only on a loopback address, for tests; no query or user), found 'ftp://127.0.0.1/'",
        ])
    }

    @Test("With CDS clients, CDS Hooks calls need their JWT and the JSON API keeps the bearer token")
    func whereTheCheckApplies() async throws {
        let clients = try CDSClients.parse(SourceText(name: "clients.yaml", text: """
        service_url: https://cds.region.example
        clients: [{iss: https://ehr.region.example, jwks: https://ehr.region.example/jwks.json}]
        """))
        let trust = CDSClientTrust(clients)
        let settings = try ServerSettings(host: "127.0.0.1", port: 0, token: "s3cret-token")
        try await ServerFixture.app(settings: settings, clientTrust: trust).test(.router) { client in
            let bearer: HTTPFields = [.authorization: "Bearer s3cret-token"]
            try await client.execute(uri: "/v1/services", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
            }
            try await client.execute(uri: "/v1/services", method: .get, headers: bearer) { response in
                #expect(response.status == .ok)
            }
            // The JSON API's token is no JWT: a CDS Hooks call with it is refused.
            try await client.execute(uri: "/cds-services/eligcheck-referral", method: .post, headers: bearer) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer error=\"invalid_token\"")
                #expect(response.text.contains("\"error\": \"Authorization: the bearer token is not a JWT: three base64url parts separated by '.', the first a JSON header\""))
            }
            try await client.execute(uri: "/cds-services/eligcheck-referral/feedback", method: .post) { response in
                #expect(response.status == .unauthorized)
                #expect(response.text.contains("\"error\": \"Authorization: a CDS client signs a JWT for every call: Authorization: Bearer <JWT>\""))
            }
            // Discovery holds no patient data.
            try await client.execute(uri: "/cds-services", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
        await trust.shutdown()
    }
}

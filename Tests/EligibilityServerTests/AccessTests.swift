import Eligibility
import EligibilityServer
import Hummingbird
import HummingbirdTesting
import Testing

/// Loopback by default; elsewhere only with a bearer token.
@Suite struct AccessTests {
    @Test func anotherAddressNeedsAToken() throws {
        #expect(throws: SettingsError.self) { try ServerSettings(host: "0.0.0.0", port: 8080) }
        do {
            _ = try ServerSettings(host: "10.1.2.3", port: 8080)
        } catch {
            #expect(error.description == "'10.1.2.3' is not a loopback address: patient data may leave this machine only with --token-file (a bearer token every request must carry)")
        }
        #expect(try ServerSettings(host: "0.0.0.0", port: 8080, token: "s3cret").token == "s3cret")
        #expect(try ServerSettings(host: "127.0.0.1", port: 8080).token == nil)
        #expect(try ServerSettings(host: "127.10.0.1", port: 8080).token == nil)
        #expect(try ServerSettings(host: "::1", port: 8080).token == nil)
        #expect(try ServerSettings(host: "localhost", port: 8080).token == nil)
        #expect(throws: SettingsError.self) { try ServerSettings(host: "127.0.0.1.example.org", port: 8080) }
        #expect(throws: SettingsError.self) { try ServerSettings(host: "127.0.0.1", port: 8080, token: "") }
        #expect(throws: SettingsError.self) { try ServerSettings(host: "127.0.0.1", port: 70000) }
    }

    @Test("I/O threads: one unless told, from 1 to 64")
    func ioThreads() throws {
        #expect(try ServerSettings().ioThreads == 1)
        #expect(try ServerSettings(ioThreads: 4).ioThreads == 4)
        for wrong in [0, -1, 65] {
            #expect(throws: SettingsError.self) { try ServerSettings(ioThreads: wrong) }
            do {
                _ = try ServerSettings(ioThreads: wrong)
            } catch {
                #expect(error.description == "--io-threads must be between 1 and 64; found \(wrong)")
            }
        }
    }

    @Test("CDS Hooks on a port of their own, and the origins allowed to call from scripts")
    func listenersAndOrigins() throws {
        var settings = try ServerSettings(port: 8080)
        #expect(settings.cdsPort == nil && settings.corsOrigins.isEmpty && settings.tls == nil)
        try settings.listenForCDSHooks(on: 8443)
        #expect(settings.cdsPort == 8443)
        for (port, message) in [(8080, "--cds-port 8080 is --port too; give CDS Hooks a port of its own, or leave --cds-port out"),
                                (0, "--cds-port must be between 1 and 65535; found 0"),
                                (70000, "--cds-port must be between 1 and 65535; found 70000")] {
            #expect { try settings.listenForCDSHooks(on: port) } throws: { ($0 as? SettingsError)?.description == message }
        }
        try settings.allowOrigins(["https://sandbox.cds-hooks.org", "http://localhost:3000"])
        #expect(settings.corsOrigins == ["https://sandbox.cds-hooks.org", "http://localhost:3000"])
        for origin in ["https://ehr.example/", "https://ehr.example/cds", "ehr.example", "*"] {
            #expect { try settings.allowOrigins([origin]) } throws: {
                ($0 as? SettingsError)?.description == "--cors-origin must be an origin such as https://ehr.example.org (scheme, host and port, no path); found '\(origin)'"
            }
        }
    }

    @Test func everyRouteButHealthNeedsTheToken() async throws {
        let settings = try ServerSettings(host: "127.0.0.1", port: 0, token: "s3cret-token")
        try await ServerFixture.app(settings: settings).test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
            }
            for header: HTTPFields in [[:], [.authorization: "Bearer wrong"], [.authorization: "Bearer s3cret-toke"],
                                       [.authorization: "Bearer s3cret-token2"], [.authorization: "s3cret-token"]] {
                try await client.execute(uri: "/v1/services", method: .get, headers: header) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.wwwAuthenticate] == "Bearer")
                    #expect(response.text.contains("\"error\": \"Authorization: a bearer token is required: Authorization: Bearer <token from the server's --token-file>\""))
                }
            }
            try await client.execute(uri: "/v1/services", method: .get, headers: [.authorization: "Bearer s3cret-token"]) { response in
                #expect(response.status == .ok)
            }
        }
    }
}

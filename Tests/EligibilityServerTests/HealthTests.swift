import Eligibility
import EligibilityServer
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct HealthTests {
    @Test func healthNamesTheRulesVersion() async throws {
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(response.text == "{\"status\":\"ok\",\"rules\":\"\(ServerFixture.engine.library.version)\"}\n")
            }
        }
    }
}

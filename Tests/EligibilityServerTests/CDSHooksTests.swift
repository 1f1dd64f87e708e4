import Eligibility
import EligibilityServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// CDS Hooks 2.0: discovery, and the cards for a Danish, a Swedish and a Norwegian record,
/// compared whole with the golden files beside the calls (`*.cards.json`).
@Suite struct CDSHooksTests {
    static let headers: HTTPFields = [.contentType: "application/json"]
    static let day = Day(year: 2026, month: 11, day: 23)!
    static let fixtures = ServerFixture.root.appendingPathComponent("Tests/EligibilityServerTests/Fixtures/fhir")

    static func app() throws -> some ApplicationProtocol {
        try ServerFixture.app(today: { day })
    }

    @Test func discoveryNamesBothServicesAndTheirPrefetch() async throws {
        try await Self.app().test(.router) { client in
            try await client.execute(uri: "/cds-services", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text == """
                {
                  "services": [
                    {
                      "hook": "order-select",
                      "title": "Referral check (DK, SE, NO mental health)",
                      "description": "While a referral is ordered: will the receiving service accept it, what must be done first, and which facts are missing.",
                      "id": "eligcheck-referral",
                      "prefetch": {
                        "patient": "Patient/{{context.patientId}}",
                        "conditions": "Condition?patient={{context.patientId}}&clinical-status=active,recurrence,relapse",
                        "consents": "Consent?patient={{context.patientId}}&status=active"
                      }
                    },
                    {
                      "hook": "patient-view",
                      "title": "Eligibility overview (DK, SE, NO mental health)",
                      "description": "When the record opens: the services this patient can get now or after a few steps, what blocks the others, and the questions still open.",
                      "id": "eligcheck-patient-view",
                      "prefetch": {
                        "patient": "Patient/{{context.patientId}}",
                        "conditions": "Condition?patient={{context.patientId}}&clinical-status=active,recurrence,relapse",
                        "consents": "Consent?patient={{context.patientId}}&status=active"
                      }
                    }
                  ]
                }

                """)
            }
        }
    }

    @Test(arguments: [
        ("dk-order-select", "eligcheck-referral"),
        ("se-order-select", "eligcheck-referral"),
        ("no-order-select", "eligcheck-referral"),
        ("dk-patient-view", "eligcheck-patient-view"),
        ("dk-snomed-order-select", "eligcheck-referral"),
        ("dk-cpr-order-select", "eligcheck-referral"),
        ("no-fnr-order-select", "eligcheck-referral"),
        ("se-personnummer-patient-view", "eligcheck-patient-view"),
    ])
    func cardsMatchTheGoldenFile(_ name: String, _ service: String) async throws {
        let call = try Data(contentsOf: Self.fixtures.appendingPathComponent(name + ".json"))
        let goldenURL = Self.fixtures.appendingPathComponent(name + ".cards.json")
        let golden = try? String(contentsOf: goldenURL, encoding: .utf8)
        let text = try await Self.app().test(.router) { client in
            try await client.execute(uri: "/cds-services/\(service)", method: .post, headers: Self.headers, body: ByteBuffer(data: call)) { response in
                #expect(response.status == .ok)
                return response.text
            }
        }
        if ProcessInfo.processInfo.environment["ELIGCHECK_WRITE_GOLDEN"] == "1" {
            try text.write(to: goldenURL, atomically: true, encoding: .utf8)
        }
        #expect(text == golden)
        let cards = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])["cards"] as? [[String: Any]]
        for card in cards ?? [] {
            #expect(((card["summary"] as? String)?.count ?? 999) < 140)
            // What a GP reads names services and facts by their titles and questions, never by id.
            let words = "\(card["summary"] as? String ?? "") \(card["detail"] as? String ?? "")"
            #expect(words.range(of: #"\b(dk|se|no)\.[a-z_]+\.[a-z_0-9]+\b"#, options: .regularExpression) == nil, "\(words)")
        }
    }
}

import Eligibility
import EligibilityServer
import Foundation
import Hummingbird
import HummingbirdTesting
import InMemoryLogging
import Logging
import Testing

/// Card and suggestion uuids, override reasons, and `POST /cds-services/{id}/feedback`.
@Suite struct FeedbackTests {
    static func post(_ body: String, to service: String = "eligcheck-referral", logger: Logger? = nil) async throws -> (HTTPResponse.Status, String) {
        let logger = logger ?? Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        return try await ServerFixture.app(logger: logger).test(.router) { client in
            try await client.execute(uri: "/cds-services/\(service)/feedback", method: .post, headers: CDSHooksTests.headers,
                                     body: ByteBuffer(string: body)) { response in
                (response.status, response.text)
            }
        }
    }

    @Test func everyCardAndSuggestionHasARandomUUIDAndOverrideReasons() async throws {
        let call = try Data(contentsOf: CDSHooksTests.fixtures.appendingPathComponent("dk-order-select.json"))
        let text = try await ServerFixture.app(cardIds: .random, today: { CDSHooksTests.day }).test(.router) { client in
            try await client.execute(uri: "/cds-services/eligcheck-referral", method: .post, headers: CDSHooksTests.headers,
                                     body: ByteBuffer(data: call)) { $0.text }
        }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let cards = try #require(object["cards"] as? [[String: Any]])
        var uuids: [String] = []
        for card in cards {
            uuids.append(try #require(card["uuid"] as? String))
            for suggestion in card["suggestions"] as? [[String: Any]] ?? [] {
                uuids.append(try #require(suggestion["uuid"] as? String))
            }
            let reasons = try #require(card["overrideReasons"] as? [[String: Any]])
            #expect(reasons.compactMap { $0["code"] as? String } == ["clinical-judgement", "record-out-of-date", "patient-declines", "already-arranged"])
        }
        #expect(uuids.count >= cards.count)
        #expect(Set(uuids).count == uuids.count)
        for uuid in uuids {
            #expect(UUID(uuidString: uuid) != nil && !uuid.hasPrefix("00000000-"), "\(uuid)")
        }
    }

    @Test func suggestionsCarryTheirOwnUUID() throws {
        // The care-manager cards (CardDeckTests) are the ones with suggestions.
        let data = try Data(contentsOf: CDSHooksTests.fixtures.appendingPathComponent("known-dk-care-manager.cards.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cards = try #require(object["cards"] as? [[String: Any]])
        let suggestions = cards.flatMap { $0["suggestions"] as? [[String: Any]] ?? [] }
        #expect(!suggestions.isEmpty)
        let ids = cards.compactMap { $0["uuid"] as? String } + suggestions.compactMap { $0["uuid"] as? String }
        #expect(ids.count == cards.count + suggestions.count)
        #expect(Set(ids).count == ids.count)
    }

    @Test func feedbackIsAcceptedAndLoggedWithoutTheComment() async throws {
        let handler = InMemoryLogHandler()
        let body = """
        {"feedback": [
          {"card": "00000000-0000-4000-8000-000000000001", "outcome": "accepted",
           "acceptedSuggestions": [{"id": "00000000-0000-4000-8000-000000000002"}], "outcomeTimestamp": "2026-11-23T09:20:00+01:00"},
          {"card": "00000000-0000-4000-8000-000000000003", "outcome": "overridden",
           "overrideReason": {"reason": {"system": "urn:eligcheck:override-reason", "code": "patient-declines"}, "userComment": "Mette Jensen will wait"},
           "outcomeTimestamp": "2026-11-23T09:21:00Z"}
        ]}
        """
        let (status, text) = try await Self.post(body, logger: Logger(label: "test", factory: { _ in handler }))
        #expect(status == .ok)
        #expect(text == "{}\n")
        let lines = handler.entries.filter { $0.message == "feedback" }
        #expect(lines.map { $0.metadata["outcome"] } == [.string("accepted"), .string("overridden")])
        #expect(lines.map { $0.metadata["reason"] } == [nil, .string("patient-declines")])
        #expect(lines.first?.metadata["card"] == .string("00000000-0000-4000-8000-000000000001"))
        #expect(!handler.entries.map { "\($0.message) \($0.metadata)" }.joined().contains("Mette"))
    }

    @Test(arguments: [
        ("{}", "feedback", "missing; a feedback call carries a list of feedback items"),
        ("{\"feedback\": []}", "feedback", "empty; a feedback call carries at least one item"),
        ("{\"feedback\": [{\"outcome\": \"accepted\", \"outcomeTimestamp\": \"2026-11-23T09:20:00Z\"}]}", "feedback[0].card",
         "missing; the uuid of the card the feedback is about"),
        ("{\"feedback\": [{\"card\": \"card-1\", \"outcome\": \"accepted\", \"outcomeTimestamp\": \"2026-11-23T09:20:00Z\"}]}", "feedback[0].card",
         "not a uuid (expected 8-4-4-4-12 hexadecimal digits)"),
        ("{\"feedback\": [{\"card\": \"00000000-0000-4000-8000-000000000001\", \"outcome\": \"acepted\", \"outcomeTimestamp\": \"2026-11-23T09:20:00Z\"}]}",
         "feedback[0].outcome", "expected accepted or overridden, found 'acepted'; did you mean 'accepted'?"),
        ("{\"feedback\": [{\"card\": \"00000000-0000-4000-8000-000000000001\", \"outcome\": \"accepted\", \"outcomeTimestamp\": \"2026-11-23\"}]}",
         "feedback[0].outcomeTimestamp", "not an instant (expected YYYY-MM-DDThh:mm:ss+zz:zz)"),
        ("{\"feedback\": [{\"card\": \"00000000-0000-4000-8000-000000000001\", \"outcome\": \"accepted\", \"outcomeTimestamp\": \"2026-11-23T09:20:00Z\", \"overrideReason\": {}}]}",
         "feedback[0].overrideReason", "only an overridden card has an override reason"),
        ("{\"feedback\": [{\"card\": \"00000000-0000-4000-8000-000000000001\", \"outcome\": \"overridden\", \"outcomeTimestamp\": \"2026-11-23T09:20:00Z\", \"overrideReason\": {\"reason\": {\"system\": \"urn:eligcheck:override-reason\", \"code\": \"patient-declined\"}}}]}",
         "feedback[0].overrideReason.reason.code", "not a reason this service offers; did you mean 'patient-declines'?"),
    ])
    func badFeedbackIs400WithItsPath(_ body: String, _ path: String, _ message: String) async throws {
        let (status, text) = try await Self.post(body)
        #expect(status == .badRequest)
        #expect(text == ErrorTests.error(400, [(path, message)]))
    }

    @Test func feedbackForAnUnknownServiceIs404() async throws {
        let (status, _) = try await Self.post("{}", to: "eligcheck-referal")
        #expect(status == .notFound)
    }
}

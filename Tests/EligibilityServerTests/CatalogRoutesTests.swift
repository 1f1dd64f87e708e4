import Eligibility
import EligibilityServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `GET /v1/services` and `GET /v1/facts` say what the rules in force hold.
@Suite struct CatalogRoutesTests {
    func json(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test func servicesListEveryServiceWithItsSources() async throws {
        let library = ServerFixture.engine.library
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(uri: "/v1/services", method: .get) { response in
                #expect(response.status == .ok)
                let list = try json(response.text)
                #expect(list.map { $0["id"] as? String } == library.services.map(\.id))
                for (item, service) in zip(list, library.services) {
                    #expect(item["title"] as? String == service.title)
                    #expect(item["agency"] as? String == service.agency)
                    #expect(item["jurisdiction"] as? String == service.jurisdiction)
                    #expect(item["rule"] as? String == service.origin.reference)
                    let sources = item["sources"] as? [[String: Any]] ?? []
                    #expect(sources.map { $0["id"] as? String } == service.sources.map(\.id))
                    for source in sources {
                        let known = try #require(library.sources[source["id"] as? String ?? ""])
                        #expect(source["cite"] as? String == known.cite)
                        #expect(source["kind"] as? String == known.kind.rawValue)
                        #expect(source["verified"] as? Bool == known.verified)
                        #expect((source["url"] as? String) == known.url)
                    }
                }
            }
            try await client.execute(uri: "/v1/services?jurisdiction=SE", method: .get) { response in
                let ids = try json(response.text).compactMap { $0["id"] as? String }
                #expect(ids == library.services.filter { $0.jurisdiction == "SE" }.map(\.id))
                #expect(ids.contains("se.employment.job_support"))
                #expect(!ids.contains { !$0.hasPrefix("se.") })
            }
        }
    }

    @Test func factsCarryTypeValuesQuestionAndDescription() async throws {
        let catalog = ServerFixture.engine.library.catalog
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(uri: "/v1/facts", method: .get) { response in
                #expect(response.status == .ok)
                let list = try json(response.text)
                #expect(list.map { $0["name"] as? String } == catalog.names)
                for item in list {
                    let entry = try #require(catalog[item["name"] as? String ?? ""])
                    #expect(item["type"] as? String == entry.type.name)
                    #expect(item["question"] as? String == entry.question)
                    #expect(item["description"] as? String == entry.description)
                    #expect(item["derived"] as? Bool == entry.isDerived)
                    #expect(item["format"] as? String == entry.format?.rawValue)
                    let values = (item["values"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String }
                    if case .enumeration(let allowed) = entry.type { #expect(values == allowed) } else { #expect(values.isEmpty) }
                }
                let severity = try #require(list.first { $0["name"] as? String == "diagnosis.severity" })
                #expect(severity["question"] as? String != nil)
                #expect((severity["values"] as? [[String: Any]])?.compactMap { $0["value"] as? String } == ["mild", "moderate", "severe"])
            }
        }
    }
}

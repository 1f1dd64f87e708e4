@testable import EligibilityWorkspace
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct CaseListTests {
    @Test func theListNamesTheCasesNewRulesMovedAndTheComingDeadlines() async throws {
        let (router, service) = try workspaceRouter()
        _ = try await service.create(label: "low", facts: trapFacts(income: 50_000), by: .test)
        _ = try await service.create(label: "middle", facts: trapFacts(income: 200_000), by: .test)
        let newRules = try TestRules.engine(incomeLimit: 400_000)
        #expect(try await service.rulesChanged(to: newRules) == 1)
        let overview = try await service.overview()
        // The test rules' one deadline belongs to financial aid, which both patients now
        // have: a service in place is no step to take, and its deadline counts from no date.
        #expect(overview.deadlines.isEmpty)
        try await Application(router: router).test(.router) { client in
            let page = try await client.execute(uri: "/", method: .get)
            let html = String(buffer: page.body)
            #expect(html.contains("<strong>1 case changed status under rules \(newRules.library.version)</strong>"))
            #expect(html.contains(#"<li><a href="/cases/2">middle</a>: <span class="change">Financial aid: ineligible → eligible</span> </li>"#))
            #expect(html.contains("<p>No deadline applies to any case.</p>"))
        }
    }

    @Test func aPatientFileIsImportedAsACaseAndABadOneIsRefusedWhereItIsWrong() async throws {
        let (router, service) = try workspaceRouter()
        try await Application(router: router).test(.router) { client in
            let page = try await client.execute(uri: "/cases/new", method: .get)
            let token = try #require(CasePagesTests.token(page))
            let good = "id: p-0042\njurisdiction: SE\nage: 33\nemployment: {status: unemployed}\n"
            let body = "csrf_token=\(token.field)&label=&patient=" + (good.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            try await client.execute(uri: "/cases", method: .post, headers: CasePagesTests.form(cookie: token.cookie),
                                     body: ByteBuffer(string: body)) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/cases/1?created=1")
            }
            let bad = "id: p-0043\njurisdiction: SE\nage: old\n"
            let badBody = "csrf_token=\(token.field)&label=x&patient=" + (bad.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            try await client.execute(uri: "/cases", method: .post, headers: CasePagesTests.form(cookie: token.cookie),
                                     body: ByteBuffer(string: badBody)) { response in
                #expect(response.status == .unprocessableContent)
                let html = String(buffer: response.body)
                #expect(html.contains("<li>patient file:3:6: error: fact &#39;age&#39; must be a whole number; found the text &quot;old&quot;"))
            }
        }
        let imported = try await service.fetch(id: 1)
        #expect(imported.label == "p-0042")
        #expect(imported.facts.values == ["jurisdiction": .string("SE"), "age": .integer(33), "employment.status": .string("unemployed")])
        await #expect(throws: CaseStoreError.notFound(id: 2)) { try await service.fetch(id: 2) }
    }

    @Test func aBadFormFieldIsShownBesideItAndNothingIsSaved() async throws {
        let (router, service) = try workspaceRouter()
        let created = try await service.create(label: "F-1", facts: trapFacts(income: 1), by: .test)
        try await Application(router: router).test(.router) { client in
            let page = try await client.execute(uri: "/cases/\(created.id)", method: .get)
            let token = try #require(CasePagesTests.token(page))
            let body = "csrf_token=\(token.field)&version=1&label=F-1&jurisdiction=SE&age=forty&income.annual=-5&colour=blue"
            try await client.execute(uri: "/cases/\(created.id)", method: .post, headers: CasePagesTests.form(cookie: token.cookie),
                                     body: ByteBuffer(string: body)) { response in
                #expect(response.status == .unprocessableContent)
                let html = String(buffer: response.body)
                #expect(html.contains("Nothing was saved: 3 field(s) need a look."))
                #expect(html.contains(##"<li><a href="#fact-age">age: fact &#39;age&#39; must be a whole number; found the text &quot;forty&quot;</a></li>"##))
                #expect(html.contains(##"<li><a href="#fact-income-annual">income.annual: fact &#39;income.annual&#39; must be at least 0; found -5</a></li>"##))
                #expect(html.contains(##"<li><a href="#fact-colour">colour: unknown field &#39;colour&#39;: it is not a fact the rules know</a></li>"##))
                #expect(html.contains(#"<input type="number" id="fact-age" name="age" value="forty""#))
            }
        }
        #expect(try await service.fetch(id: created.id).version == 1)
    }
}

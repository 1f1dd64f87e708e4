import Eligibility
@testable import EligibilityWorkspace
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The bundled rules (rules/ at the top of the package): three countries.
enum BundledRules {
    static func engine() throws -> Engine {
        let rules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("rules")
        return try Engine(rules: [rules.path])
    }

    static func router() throws -> (Router<BasicRequestContext>, CaseService) {
        let service = CaseService(store: try CaseStore(path: temporaryDatabasePath()), engine: try engine())
        let router = Router()
        router.addRoutes(try Workspace(service: service).routes(context: BasicRequestContext.self))
        return (router, service)
    }
}

/// A page's case form as a browser would send it back unchanged: every input with its
/// value, each select's chosen option, each radio group's checked button.
enum PostedForm {
    static func fields(of html: String) -> [(String, String)] {
        guard let start = html.range(of: #"id="case-form""#), let end = html.range(of: "</form>", range: start.upperBound..<html.endIndex)
        else { return [] }
        let form = String(html[start.upperBound..<end.lowerBound])
        var fields: [(String, String)] = []
        let tag = try! Regex(#"<input[^>]*>|<select[^>]*>.*?</select>"#).dotMatchesNewlines()
        for match in form.matches(of: tag) {
            let text = String(form[match.range])
            guard let name = attribute("name", in: text) else { continue }
            if text.hasPrefix("<select") {
                let options = text.matches(of: try! Regex(#"<option value="([^"]*)"( selected)?>"#))
                let chosen = options.first { $0.output[2].substring != nil } ?? options.first
                fields.append((name, chosen.flatMap { $0.output[1].substring.map(String.init) }.map(unescaped) ?? ""))
            } else if attribute("type", in: text) == "radio" {
                if text.contains(" checked") { fields.append((name, attribute("value", in: text) ?? "")) }
            } else {
                fields.append((name, attribute("value", in: text) ?? ""))
            }
        }
        return fields
    }

    static func body(_ fields: [(String, String)]) -> String {
        let allowed = CharacterSet.alphanumerics
        return fields.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }
            .joined(separator: "&")
    }

    private static func attribute(_ name: String, in tag: String) -> String? {
        guard let match = tag.firstMatch(of: try! Regex(#"\s\#(name)="([^"]*)""#)) else { return nil }
        return match.output[1].substring.map { unescaped(String($0)) }
    }

    private static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

@Suite struct NoChangeSaveTests {
    @Test func equalValuesAreEqualWhateverTheirJSONForm() {
        #expect(CaseFacts.same(.integer(280_000), .number(280_000)))
        #expect(CaseFacts.same(.number(280_000), .integer(280_000)))
        #expect(!CaseFacts.same(.integer(280_000), .number(280_000.5)))
        #expect(CaseFacts.same(.string("2026-05-07"), .string("2026-05-07")))
        #expect(CaseFacts.same(.string("Malmö "), .string("Malmö")))
        #expect(CaseFacts.same(.bool(false), .bool(false)))
        #expect(!CaseFacts.same(.bool(false), nil))
        #expect(CaseFacts.same(nil, nil))
        let stored = facts(["income.annual": .integer(280_000), "age": .integer(47)])
        let typed = facts(["income.annual": .number(280_000), "age": .integer(47)])
        #expect(typed.changes(from: stored).isEmpty)
    }

    /// The issue: a save that changed nothing recorded "income.annual 280000 → 280000", and
    /// a later conflict listed it as changed by someone else.
    @Test func aFormSavedWithoutChangesLeavesVersionAndHistoryAsTheyWere() async throws {
        let (router, service) = try BundledRules.router()
        try await Application(router: router).test(.router) { client in
            let json = #"""
            {"label": "Same-1", "facts": {"as_of": "2026-11-23", "jurisdiction": "SE", "age": 47,
             "diagnosis": {"icd10": "F32.1", "severity": "moderate"},
             "employment": {"status": "sick_leave", "steady_job": true, "sick_leave_start": "2026-05-07"},
             "income": {"annual": 280000}, "health_care": {"medical_certificate": false},
             "residence": {"municipality": "Malmö "}}}
            """#
            try await client.execute(uri: "/v1/cases", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: json)) { #expect($0.status == .created) }
            let before = try await service.history(id: 1)
            #expect(try await service.fetch(id: 1).facts.values["income.annual"] == .integer(280_000))

            let page = try await client.execute(uri: "/cases/1", method: .get)
            let html = String(buffer: page.body)
            let token = try #require(CasePagesTests.token(page))
            var fields = PostedForm.fields(of: html)
            let sent = Dictionary(fields, uniquingKeysWith: { a, _ in a })
            // What the browser sends back: the stored values as the form shows them.
            #expect(sent["income.annual"] == "280000")
            #expect(sent["employment.sick_leave_start"] == "2026-05-07")
            #expect(sent["employment.steady_job"] == "true")
            #expect(sent["health_care.medical_certificate"] == "false")
            #expect(sent["as_of"] == "2026-11-23")
            #expect(sent["social_insurance.benefit_refused"] == "")
            #expect(fields.count > 20)
            for income in ["280000", "280000.0", " 280000 "] {
                fields = fields.map { $0.0 == "income.annual" ? ($0.0, income) : $0 }
                try await client.execute(uri: "/cases/1", method: .post, headers: CasePagesTests.form(cookie: token.cookie),
                                         body: ByteBuffer(string: PostedForm.body(fields))) { response in
                    #expect(response.status == .seeOther)
                    #expect(response.headers[.location] == "/cases/1?unchanged=1")
                }
            }
            #expect(try await service.fetch(id: 1).version == 1)
            #expect(try await service.history(id: 1) == before)
            let notice = String(buffer: try await client.execute(uri: "/cases/1?unchanged=1", method: .get).body)
            #expect(notice.contains(#"<div class="notice" role="status" id="notice">Nothing was changed, so nothing was saved: the case is still at version 1.</div>"#))

            // One real change records that fact alone.
            fields = fields.map { $0.0 == "age" ? ($0.0, "48") : $0 }
            try await client.execute(uri: "/cases/1", method: .post, headers: CasePagesTests.form(cookie: token.cookie),
                                     body: ByteBuffer(string: PostedForm.body(fields))) { response in
                #expect(response.headers[.location] == "/cases/1?saved=2")
            }
            let after = try await service.history(id: 1)
            #expect(after.dropFirst(before.count).map { "\($0.field): \($0.old ?? "-") → \($0.new ?? "-")" } == ["age: 47 → 48"])

            // Someone else changes the age meanwhile: the conflict names the age, not the income.
            try await client.execute(uri: "/v1/cases/1", method: .put, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: #"{"version": 2, "facts": {"as_of": "2026-11-23", "jurisdiction": "SE", "age": 49, "diagnosis": {"icd10": "F32.1", "severity": "moderate"}, "employment": {"status": "sick_leave", "steady_job": true, "sick_leave_start": "2026-05-07"}, "income": {"annual": 280000}, "health_care": {"medical_certificate": false}, "residence": {"municipality": "Malmö "}}}"#)) {
                #expect($0.status == .ok)
            }
            fields = fields.map { $0.0 == "version" ? ($0.0, "2") : $0 }
            try await client.execute(uri: "/cases/1", method: .post, headers: CasePagesTests.form(cookie: token.cookie),
                                     body: ByteBuffer(string: PostedForm.body(fields))) { response in
                #expect(response.status == .conflict)
                #expect(String(buffer: response.body).contains("The saved case differs from what you sent in: age. Check them"))
            }
        }
    }

    /// A fact the form does not ask (another country's) keeps its value through a save.
    @Test func aFactTheFormDoesNotAskKeepsItsValue() async throws {
        let (router, service) = try BundledRules.router()
        let created = try await service.create(label: "Kept-1", facts: facts([
            "jurisdiction": .string("SE"), "age": .integer(40), "gp.in_care_manager_project": .bool(true),
        ]), by: .test)
        try await Application(router: router).test(.router) { client in
            let page = try await client.execute(uri: "/cases/\(created.id)", method: .get)
            let html = String(buffer: page.body)
            // Shown, folded, among the answers kept that Sweden's rules do not ask.
            #expect(html.contains(#"<details class="topic kept" id="topic-kept"><summary>Answers kept that the rules of Sweden do not ask <span class="count">· 1</span></summary>"#))
            let token = try #require(CasePagesTests.token(page))
            let fields = PostedForm.fields(of: html).filter { $0.0 != "gp.in_care_manager_project" }
                .map { $0.0 == "age" ? ($0.0, "41") : $0 }
            try await client.execute(uri: "/cases/\(created.id)", method: .post, headers: CasePagesTests.form(cookie: token.cookie),
                                     body: ByteBuffer(string: PostedForm.body(fields))) { #expect($0.status == .seeOther) }
        }
        let saved = try await service.fetch(id: created.id)
        #expect(saved.facts.values["gp.in_care_manager_project"] == .bool(true))
        #expect(saved.facts.values["age"] == .integer(41))
    }
}

@Suite struct CountryFormTests {
    @Test func eachFactBelongsToTheCountriesWhoseRulesReadIt() throws {
        let countries = FactCountries(try BundledRules.engine().library)
        #expect(countries.countries == ["DK", "SE", "NO"])
        // Declared with the contract's facts, read only by Danish rules.
        #expect(countries.countries(of: "gp.in_care_manager_project") == ["DK"])
        #expect(countries.countries(of: "social_insurance.benefit_refused") == ["SE"])
        // Read by every country's rules, or by a rule of no country (the acute alert).
        #expect(countries.countries(of: "age") == nil)
        #expect(countries.countries(of: "risk.acute") == nil)
        // Read through a derived fact (days on sick leave), by the Danish and Swedish rules.
        #expect(countries.countries(of: "employment.sick_leave_start") == ["DK", "SE"])
        #expect(!countries.asks("gp.in_care_manager_project", country: "SE"))
        #expect(countries.asks("gp.in_care_manager_project", country: "DK"))
        #expect(!countries.asks("social_insurance.benefit_refused", country: nil))
    }

    @Test func aSwedishCaseAsksNoDanishQuestionTheOpenOnesFirst() async throws {
        let (router, service) = try BundledRules.router()
        let countries = FactCountries(service.engine.library)
        let notSwedish = service.engine.library.catalog.inputNames.filter { !countries.asks($0, country: "SE") }
        #expect(notSwedish.contains("gp.in_care_manager_project"))
        #expect(notSwedish.contains("psychologist.referral_issued"))
        _ = try await service.create(label: "SE-1", facts: trapFacts(income: 340_000), by: .test)
        try await Application(router: router).test(.router) { client in
            let html = String(buffer: try await client.execute(uri: "/cases/1", method: .get).body)
            let form = String(html[html.range(of: #"id="case-form""#)!.lowerBound...].prefix { _ in true })
            let asked = form.matches(of: try Regex(#"<div class="field[^"]*" id="field-[^"]*" data-fact="([^"]*)""#))
                .compactMap { $0.output[1].substring.map(String.init) }
            #expect(asked.count == 32)
            #expect(html.contains(#"<div id="fact-fields" data-inputs="32">"#))
            #expect(Set(asked).isDisjoint(with: notSwedish))
            #expect(asked.contains("social_insurance.benefit_refused"))
            #expect(!html.contains("Is the GP registered in the care-manager (collaborative care) project?"))
            // The country with the label; then the open questions, in the order the result asks them; then topics, folded.
            #expect(asked.first == "jurisdiction")
            let open = html.range(of: #"<fieldset class="topic open-questions" id="topic-open"><legend>Open questions</legend>"#)
            let firstTopic = html.range(of: #"<details class="topic" id="topic-"#)
            #expect(open != nil && firstTopic != nil && open!.lowerBound < firstTopic!.lowerBound)
            let result = html.matches(of: try Regex(##"<li data-fact="([^"]*)"><a href="#field-"##)).compactMap { $0.output[1].substring.map(String.init) }
            #expect(Array(asked.dropFirst().prefix(result.count)) == result)
            #expect(html.contains(#"<details class="topic" id="topic-employment"><summary>Work <span class="count">· 3 question(s), 2 answered</span></summary>"#))
            #expect(!html.contains("country-note"))
        }
    }

    @Test func withoutACountryOnlyTheCommonQuestionsAreAsked() async throws {
        let (router, service) = try BundledRules.router()
        _ = try await service.create(label: "None-1", facts: facts([:]), by: .test)
        try await Application(router: router).test(.router) { client in
            let html = String(buffer: try await client.execute(uri: "/cases/1", method: .get).body)
            let asked = html.matches(of: try Regex(#"<div class="field[^"]*" id="field-[^"]*" data-fact="([^"]*)""#))
                .compactMap { $0.output[1].substring.map(String.init) }
            #expect(asked == ["jurisdiction", "age", "residence.municipality", "residence.region", "gp.listed", "diagnosis.icd10",
                              "diagnosis.severity", "diagnosis.since", "risk.acute", "psychiatry.in_treatment", "employment.status",
                              "social.support_need"])
            #expect(html.contains(#"<p class="country-note" id="country-note">Only the questions common to all countries are shown: the questions of Denmark, Sweden or Norway appear once the country is chosen (without the page&#39;s script: choose it, then Check without saving).</p>"#))
            #expect(html.contains(#"<div class="field open" id="field-fact-jurisdiction" data-fact="jurisdiction">"#))
        }
    }
}

import Foundation
import Testing
@testable import Eligibility

@Suite("Acute risk comes first")
struct AlertTests {
    let engine: Engine

    init() throws {
        engine = try Fixture.bundledEngine()
    }

    func report(acute: Bool) throws -> Report {
        let text = "id: p-a\njurisdiction: DK\nage: 30\ngp: {listed: true}\ndiagnosis: {icd10: F32.1, severity: moderate}\nrisk: {acute: \(acute)}\n"
        return try engine.report(for: try engine.decoder.decode(SourceText(name: "p.yaml", text: text)), asOf: Fixture.day)
    }

    static let text = "Acute risk (e.g. suicidality): use the acute route now (the out-of-hours doctor or the psychiatric emergency service); a planned referral is not the way."

    @Test("An alert first in JSON (after the header fields), text and Markdown")
    func first() throws {
        let r = try report(acute: true)
        #expect(r.alerts.map(\.id) == ["acute_risk"])
        let json = JSONReport.render(r)
        let keys = ["\"patient\"", "\"as_of\"", "\"jurisdiction\"", "\"rules\"", "\"alerts\"", "\"services\""].map { json.range(of: $0)?.lowerBound }
        #expect(keys.allSatisfy { $0 != nil })
        #expect(zip(keys, keys.dropFirst()).allSatisfy { a, b in a! < b! })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let alerts = try #require(object["alerts"] as? [[String: String]])
        #expect(alerts == [["id": "acute_risk", "text": Self.text, "rule": "\(Fixture.packageRoot.path)/rules/common/alerts.yaml:14",
                            "source": "project-contract-acute: eligcheck input contract (spec/CONTRACT.md §1): risk.acute is acute risk (e.g. suicidality), for which the acute route applies; dk-acute-route: Acute psychiatric route: a patient at acute risk (e.g. suicidality) is seen through the out-of-hours doctor or the psychiatric emergency room, not through a planned referral [unconfirmed: No page for the acute route was gathered (SOURCES.md has none); the rule follows the contract's meaning of risk.acute and seed-003's account that GPs send only severe cases on to psychiatry. Needs a region source.]"]])
        #expect(TextReport.render(r).hasPrefix("ALERT: Acute risk (e.g. suicidality): use the acute route now (the out-of-hours doctor or the\n       psychiatric emergency service); a planned referral is not the way.\nPatient p-a, DK"))
        #expect(MarkdownReport.render(r).hasPrefix("> **Alert:** \(Self.text)\n\n# Eligibility of patient p-a\n"))
    }

    @Test("Planned referrals say the acute route applies")
    func plannedReferrals() throws {
        let r = try report(acute: true)
        let planned = r.services.filter { ["dk.psychiatry.visitation", "dk.psychologist.referral", "dk.care_manager.course", "dk.gp.talk_therapy"].contains($0.id) }
        #expect(planned.count == 4)
        for s in planned {
            #expect(s.reasons.first?.text == "Acute risk: the acute route applies, not this planned referral.", "\(s.id)")
            #expect(s.summary.hasSuffix(" — Acute risk: the acute route applies, not this planned referral."), "\(s.id)")
        }
        let social = try #require(r.services.first { $0.id == "dk.social.par85" })
        #expect(!social.summary.contains("Acute risk"))
    }

    @Test("No alert without acute risk, none when it is unknown")
    func none() throws {
        let r = try report(acute: false)
        #expect(r.alerts.isEmpty)
        #expect(JSONReport.render(r).contains("\"alerts\": [],"))
        #expect(!TextReport.render(r).hasPrefix("ALERT"))
    }

    @Test("A reason's text fits the value seen: no 'passing need' wording for a patient with no need")
    func reasonWording() throws {
        func first(_ need: String, _ id: String) throws -> String? {
            let text = "id: p\njurisdiction: DK\nage: 40\nsocial: {support_need: \(need), functioning: low}\n"
            let r = try engine.report(for: try engine.decoder.decode(SourceText(name: "p.yaml", text: text)), asOf: Fixture.day)
            return r.services.first { $0.id == id }?.reasons.first?.text
        }
        #expect(try first("none", "dk.social.par82") == "The patient must need support from the municipality's social services.")
        #expect(try first("none", "dk.social.par85") == "The patient must need support from the municipality's social services.")
        #expect(try first("long_term", "dk.social.par82") == "This support is for a need expected to pass within about half a year; a longer-term need is met by the longer-term support.")
        #expect(try first("temporary", "dk.social.par85") == "This is the longer-term support; a need expected to pass is met by the time-limited support.")
    }
}

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

    static let text = "Acute risk (e.g. suicidality): act now, not through a planned referral. If life is in danger, call 112. Otherwise contact the region's acute psychiatric service (the psychiatric emergency reception, open day and night); in the Capital Region call 1813 (Akuttelefonen) outside the GP's hours, which also reaches the psychiatric emergency team."
    static let headline = "Acute route now: 112 if life is in danger; otherwise the region's psychiatric emergency service (Capital Region: 1813)"
    static let note = "Acute risk: the acute route applies first; this planned referral comes after the acute assessment."

    @Test("An alert first in JSON (after the header fields), text, verbose text and Markdown")
    func first() throws {
        let r = try report(acute: true)
        #expect(r.alerts.map(\.id) == ["dk_acute_risk"])
        let json = JSONReport.render(r)
        let keys = ["\"patient\"", "\"as_of\"", "\"jurisdiction\"", "\"rules\"", "\"alerts\"", "\"services\""].map { json.range(of: $0)?.lowerBound }
        #expect(keys.allSatisfy { $0 != nil })
        #expect(zip(keys, keys.dropFirst()).allSatisfy { a, b in a! < b! })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let alerts = try #require(object["alerts"] as? [[String: Any]])
        #expect(alerts.count == 1)
        #expect(alerts.first?["id"] as? String == "dk_acute_risk")
        #expect(alerts.first?["text"] as? String == Self.text)
        #expect(alerts.first?["headline"] as? String == Self.headline)
        #expect(alerts.first?["acute_route"] as? Bool == true)
        // Relative to the rules folder, wherever the rules were loaded from.
        #expect(alerts.first?["rule"] as? String == "dk/acute.yaml:20")
        #expect(alerts.first?["source"] as? String == "dk-regionh-1813: Region Hovedstaden, Fakta om 1813: call 112 when life is in acute danger; call 1813 (Akuttelefonen) in every other case of acute need outside the GP's opening hours; 1813 guides callers who need acute psychiatric help; dk-regionh-akut-psykiatri: Region Hovedstadens Psykiatri, Akut psykiatrisk behandling (Psykiatrisk Center Nordsjælland): anyone can turn to the psychiatric acute reception day and night; the psychiatric emergency team is reached through 1813 or 112")
        let alertBlock = "ALERT: Acute risk (e.g. suicidality): act now, not through a planned referral. If life is in danger,\n       call 112. Otherwise contact the region's acute psychiatric service (the psychiatric emergency\n       reception, open day and night); in the Capital Region call 1813 (Akuttelefonen) outside the\n       GP's hours, which also reaches the psychiatric emergency team.\n"
        #expect(TextReport.render(r).hasPrefix(alertBlock + "Patient p-a, DK"))
        #expect(r.rendered(as: .text, verbose: true).hasPrefix(alertBlock + "Patient p-a, DK"))
        #expect(MarkdownReport.render(r).hasPrefix("> **Alert:** \(Self.text)\n\n# Eligibility of patient p-a\n"))
        #expect(r.rendered(as: .markdown, verbose: true).hasPrefix("# Eligibility of patient p-a\n\n> **Alert:** \(Self.text)\n\n"))
    }

    @Test("Each country's acute route: who to call and where, with its sources")
    func countries() throws {
        func alert(_ country: String) throws -> Alert? {
            let text = "id: p\njurisdiction: \"\(country)\"\nage: 30\nrisk: {acute: true}\n"
            return try engine.report(for: try engine.decoder.decode(SourceText(name: "p.yaml", text: text)), asOf: Fixture.day).acuteRoute
        }
        let se = try #require(try alert("SE"))
        #expect(se.headline == "Acute route now: 112 if life is in danger; otherwise the psychiatric emergency service (1177 tells where)")
        #expect(se.text.contains("call 112") && se.text.contains("psykiatrisk akutmottagning") && se.text.contains("1177"))
        #expect(se.rule == "se/acute.yaml:20")
        #expect(se.source.hasPrefix("se-region-uppsala-akutpsykiatri: Region Uppsala"))
        let no = try #require(try alert("NO"))
        #expect(no.headline == "Acute route now: 113 if life is in danger; otherwise the out-of-hours service (legevakt) 116 117")
        #expect(no.text.contains("call 113") && no.text.contains("116 117"))
        #expect(no.source.hasPrefix("no-helsenorge-akutt: Helsenorge"))
        let dk = try #require(try alert("DK"))
        #expect(dk.headline == Self.headline)
    }

    @Test("Planned referrals keep their status, come after the acute assessment, and leave Now and Next")
    func plannedReferrals() throws {
        let r = try report(acute: true)
        let planned = r.services.filter { ["dk.psychiatry.visitation", "dk.psychologist.referral", "dk.care_manager.course", "dk.gp.talk_therapy"].contains($0.id) }
        #expect(planned.count == 4)
        for s in planned {
            #expect(s.reasons.first?.text == Self.note, "\(s.id)")
            #expect(s.summary.hasSuffix(" — " + Self.note), "\(s.id)")
            #expect(s.afterAcuteAssessment, "\(s.id)")
        }
        let social = try #require(r.services.first { $0.id == "dk.social.par85" })
        #expect(!social.summary.contains("Acute risk"))
        #expect(!social.afterAcuteAssessment)
        let lines = BottomLine(r).lines
        #expect(lines.first?.label == "Acute")
        #expect(lines.first?.items == [Self.headline])
        let open = lines.filter { $0.label == "Now" || $0.label == "Next" }.flatMap(\.items)
        #expect(!open.contains { item in planned.contains { item.hasPrefix($0.shortTitle) } }, "\(open)")
        let later = try #require(lines.first { $0.label == "Later" })
        #expect(later.items.first?.hasPrefix("after the acute assessment: ") == true)
        #expect(later.items.count == r.services.filter { $0.afterAcuteAssessment && ($0.status == .eligible || $0.status == .reachable) }.count)
        let json = JSONReport.render(r)
        #expect(json.contains("\"after_acute_assessment\": true"))
        let visitation = try #require(r.services.first { $0.id == "dk.psychiatry.visitation" })
        #expect(visitation.verdictLine(in: r) == "Acute route instead (the alert above); this referral comes after the acute assessment")
        #expect(TextReport.render(r).contains("— after the acute assessment\n"))
    }

    @Test("On a terminal the alert is bold red; NO_COLOR and pipes get plain text")
    func style() throws {
        let r = try report(acute: true)
        #expect(TextStyle.forOutput(isTerminal: false, environment: [:]) == .plain)
        #expect(TextStyle.forOutput(isTerminal: true, environment: ["NO_COLOR": "1"]) == .plain)
        #expect(TextStyle.forOutput(isTerminal: true, environment: ["NO_COLOR": ""]) == .terminal)
        #expect(TextStyle.forOutput(isTerminal: true, environment: [:]) == .terminal)
        let coloured = TextReport.render(r, style: .terminal)
        #expect(coloured.hasPrefix("\u{1B}[1;31mALERT: Acute risk"))
        #expect(coloured.contains("\u{1B}[1;31mAcute:   Acute route now"))
        #expect(!TextReport.render(r).contains("\u{1B}"))
        // Only the alert and the acute line are marked.
        let markedLines = coloured.split(separator: "\n").filter { $0.contains("\u{1B}") }
        #expect(markedLines.count == 6)
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
        // What fails is the patient's situation against the rule; the rule's why stays beside it.
        let needed = "needed: one of: for a while (passing need), for a long time"
        #expect(try first("none", "dk.social.par82") == "Need for municipal support: no; \(needed)")
        #expect(try first("none", "dk.social.par85") == "Need for municipal support: no; \(needed)")
        // A rule's own failure wording (`fails:` on the `not`) says it for the whole condition.
        #expect(try first("long_term", "dk.social.par82") == "The need is long-term; this is the time-limited support (about half a year), so the longer-term support (§ 85) is the one to apply for")
        #expect(try first("temporary", "dk.social.par85") == "The need is expected to pass; this is the longer-term support, so the time-limited support (§ 82 b) is the one to apply for")
    }
}

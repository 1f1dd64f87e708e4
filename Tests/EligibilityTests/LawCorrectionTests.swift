import Foundation
import Testing
@testable import Eligibility

/// The corrections whose words or order a rule test cannot check (a rule test checks
/// statuses, plans, cycles and ways out): what the patient reads must say what the law says.
@Suite("The law, corrected: words and order")
struct LawCorrectionTests {
    let engine: Engine

    init() throws {
        engine = try Fixture.bundledEngine()
    }

    @Test("SE resigning names the unemployment fund's 45-day suspension and the certificate that avoids it")
    func resigningCost() throws {
        let resign = try #require(engine.library.actions.first { $0.id == "se.patient.resign" })
        let cost = try #require(resign.costs)
        #expect(cost.contains("suspension (avstängning) from the unemployment fund for up to 45 benefit days"))
        #expect(cost.contains("doctor's certificate written before resigning"))
    }

    @Test("SE sick pay: since 2019 a karensavdrag of 20 %, not a qualifying day")
    func karensavdrag() throws {
        let sickPay = try #require(engine.library.services.first { $0.id == "se.employer.sick_pay" })
        #expect(sickPay.because?.contains("karensavdrag of 20 % of an average week's sick pay") == true)
        let texts = engine.library.services.compactMap(\.because) + engine.library.actions.compactMap(\.costs)
        #expect(!texts.contains { $0.lowercased().contains("qualifying day") })
    }

    @Test("DK psychologist: for an 18-24-year-old with depression the free scheme comes before the 60 % subsidy")
    func freeSchemeFirst() throws {
        let text = "id: p\njurisdiction: DK\nage: 22\ngp: {listed: true}\ndiagnosis: {icd10: F32.1, severity: moderate}\nrisk: {acute: false}\n"
        let report = try engine.report(for: try engine.decoder.decode(SourceText(name: "p.yaml", text: text)), asOf: Fixture.day)
        let ids = report.services.map(\.id)
        let free = try #require(ids.firstIndex(of: "dk.psychologist.free_18_24"))
        let subsidy = try #require(ids.firstIndex(of: "dk.psychologist.referral"))
        #expect(free < subsidy)
        #expect(report.services[free].status == .eligible)
        let rendered = report.rendered(as: .text)
        let freeLine = try #require(rendered.range(of: "Free psychologist treatment for 18-24-year-olds"))
        let subsidyLine = try #require(rendered.range(of: "GP referral to a psychologist"))
        #expect(freeLine.lowerBound < subsidyLine.lowerBound)
    }
}

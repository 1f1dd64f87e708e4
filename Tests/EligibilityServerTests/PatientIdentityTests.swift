import Eligibility
import EligibilityServer
import Foundation
import Testing

/// The patient's country and age from national person numbers, with the address first
/// and the deployment's default country last; `gp.listed` from the named GP.
@Suite struct PatientIdentityTests {
    @Test func theDanishRecordReadsSKSWithoutStatusCPRAndTheGP() throws {
        let record = try RecordTerminologyTests.record("dk-cpr-order-select")
        #expect(record.facts["diagnosis.icd10"] == .string("F32.1"))
        #expect(record.origins["diagnosis.icd10"] == "prefetch.conditions.entry[0].resource.code.coding[0].code")
        #expect(record.facts["jurisdiction"] == .string("DK"))
        #expect(record.origins["jurisdiction"] == "prefetch.patient.identifier[0]")
        #expect(record.facts["age"] == .integer(29))
        #expect(record.facts["gp.listed"] == .bool(true))
        // The relatives' consent ended on 2026-01-15.
        #expect(record.facts["consent.relatives"] == nil)
        #expect(record.notes == ["prefetch.conditions.entry[0].resource has no clinicalStatus and was read as active"])
        #expect(record.unread == ["the condition prefetch.conditions.entry[3].resource is coded in no system this service reads (SNOMED CT 44054006 is not among the disorders this service reads)"])
        #expect(record.orders.map(\.services) == [["dk.psychiatry.visitation"]])
    }

    @Test func theNorwegianAndSwedishNumbersGiveCountryAndAge() throws {
        let norwegian = try RecordTerminologyTests.record("no-fnr-order-select")
        #expect(norwegian.facts["jurisdiction"] == .string("NO"))
        #expect(norwegian.facts["age"] == .integer(41))
        #expect(norwegian.facts["diagnosis.icd10"] == .string("F32.1"))
        let swedish = try RecordTerminologyTests.record("se-personnummer-patient-view")
        #expect(swedish.facts["jurisdiction"] == .string("SE"))
        #expect(swedish.facts["age"] == .integer(38))
        #expect(swedish.origins["age"] == "prefetch.patient.birthDate")
    }

    @Test func withoutCountryOrNumberTheDefaultCountryHolds() throws {
        let strip: (inout [String: Any]) -> Void = CDSHooksErrorTests.patient { patient in
            patient["identifier"] = nil
            patient["address"] = [["use": "home", "city": "Aarhus C"]]
        }
        #expect(try RecordTerminologyTests.record("dk-cpr-order-select", strip).facts["jurisdiction"] == nil)
        let settings = try RecordSettings(orderMap: ServerFixture.orderMap, defaultCountry: "DK", countries: ["DK", "SE", "NO"])
        let record = try RecordTerminologyTests.record("dk-cpr-order-select", strip, settings: settings)
        #expect(record.facts["jurisdiction"] == .string("DK"))
        #expect(record.origins["jurisdiction"] == "serve --default-country")
        #expect(throws: SettingsError.self) { try RecordSettings(orderMap: ServerFixture.orderMap, defaultCountry: "DE", countries: ["DK", "SE", "NO"]) }
    }
}

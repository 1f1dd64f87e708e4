import Eligibility
import EligibilityServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Conditions in SKS, ICD-10 editions, ICPC-2 and SNOMED CT; verification and clinical
/// status; a code that cannot be read is named, never dropped.
@Suite struct RecordTerminologyTests {
    static func record(_ name: String, _ edit: (inout [String: Any]) -> Void = { _ in },
                       settings: RecordSettings = RecordSettings(orderMap: ServerFixture.orderMap)) throws -> RecordFacts {
        let data = try Data(contentsOf: CDSHooksTests.fixtures.appendingPathComponent(name + ".json"))
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        edit(&object)
        let bytes = try JSONSerialization.data(withJSONObject: object)
        let root = FHIRElement(node: try JSONDocument.parse(SourceText(name: "body", bytes: Array(bytes))), path: "")
        return try RecordFacts.read(root, library: ServerFixture.engine.library, settings: settings, on: CDSHooksTests.day)
    }

    static func conditions(_ entries: [[String: Any]]) -> (inout [String: Any]) -> Void {
        { call in
            var prefetch = call["prefetch"] as? [String: Any] ?? [:]
            prefetch["conditions"] = ["resourceType": "Bundle", "type": "searchset", "entry": entries.map { ["resource": $0] }]
            call["prefetch"] = prefetch
        }
    }

    static func condition(_ system: String, _ code: String, verification: String? = nil, onset: String = "2026-01-01") -> [String: Any] {
        var resource: [String: Any] = [
            "resourceType": "Condition", "code": ["coding": [["system": system, "code": code]]], "onsetDateTime": onset,
            "clinicalStatus": ["coding": [["system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"]]],
        ]
        if let verification {
            resource["verificationStatus"] = ["coding": [["system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": verification]]]
        }
        return resource
    }

    @Test(arguments: [
        ("http://hl7.org/fhir/sid/icd-10", "F41.1", "F41.1"),
        ("urn:oid:1.2.208.176.2.4.12", "DF321", "F32.1"),
        ("urn:oid:1.2.208.176.2.4", "DF411", "F41.1"),
        ("urn:oid:1.2.752.116.1.1.1", "F432", "F43.2"),
        ("urn:oid:2.16.578.1.12.4.1.1.7110", "F20.0", "F20.0"),
        ("http://hl7.org/fhir/sid/icpc-2", "P76", "F32.9"),
        ("http://hl7.org/fhir/sid/icpc-2", "P74", "F41.9"),
        ("http://snomed.info/sct", "21897009", "F41.1"),
        ("http://snomed.info/sct", "58214004", "F20.9"),
    ])
    func everyTerminologyReadsAsICD10(_ system: String, _ code: String, _ icd10: String) throws {
        let record = try Self.record("dk-order-select", Self.conditions([Self.condition(system, code)]))
        #expect(record.facts["diagnosis.icd10"] == .string(icd10))
    }

    @Test func aCodeThatCannotBeReadIsNamed() throws {
        let record = try Self.record("dk-order-select", Self.conditions([
            Self.condition("http://hl7.org/fhir/sid/icpc-2", "P73"),
            Self.condition("urn:oid:1.2.208.176.2.4.12", "BRXA1"),
            Self.condition("http://example.org/local", "DEP-1"),
        ]))
        #expect(record.facts["diagnosis.icd10"] == nil)
        #expect(record.unread == [
            "the condition prefetch.conditions.entry[0].resource is coded in no system this service reads (ICPC-2 P73 has no single ICD-10 group)",
            "the condition prefetch.conditions.entry[1].resource is coded in no system this service reads (SKS BRXA1 is no diagnosis code)",
            "the condition prefetch.conditions.entry[2].resource is coded in no system this service reads (http://example.org/local|DEP-1)",
        ])
    }

    @Test func aConfirmedDiagnosisOutranksALaterUnconfirmedOne() throws {
        let record = try Self.record("dk-order-select", Self.conditions([
            Self.condition("http://hl7.org/fhir/sid/icd-10", "F32.1", verification: "confirmed", onset: "2026-01-01"),
            Self.condition("http://hl7.org/fhir/sid/icd-10", "F20.0", verification: "provisional", onset: "2026-10-01"),
            Self.condition("http://hl7.org/fhir/sid/icd-10", "F31.1", verification: "refuted", onset: "2026-11-01"),
            Self.condition("http://hl7.org/fhir/sid/icd-10", "F50.0", verification: "entered-in-error", onset: "2026-11-01"),
        ]))
        #expect(record.facts["diagnosis.icd10"] == .string("F32.1"))
        #expect(record.notes.isEmpty)
    }

    @Test func anUnconfirmedDiagnosisIsNamedSo() throws {
        let record = try Self.record("dk-order-select", Self.conditions([
            Self.condition("http://hl7.org/fhir/sid/icd-10", "F20.0", verification: "differential"),
        ]))
        #expect(record.facts["diagnosis.icd10"] == .string("F20.0"))
        #expect(record.notes == ["the diagnosis F20.0 is unconfirmed (verificationStatus provisional or differential)"])
    }
}

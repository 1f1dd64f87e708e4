import Eligibility

extension RecordFacts {
    static let snomedSystem = "http://snomed.info/sct"
    /// SNOMED CT severity codes of FHIR's condition-severity value set.
    static let severities = ["255604002": "mild", "6736007": "moderate", "24484000": "severe"]
    /// clinicalStatus codes of a condition the patient has now.
    static let currentStatuses: Set<String> = ["active", "recurrence", "relapse"]
    /// verificationStatus codes of a diagnosis not yet confirmed.
    static let unconfirmedStatuses: Set<String> = ["unconfirmed", "provisional", "differential"]

    /// A Condition that may be the primary diagnosis.
    private struct Candidate {
        var code: ICD10Code
        var path: String
        var resource: FHIRElement
        var onset: Day?
        var recorded: Day?
        var confirmed: Bool
    }

    /// The primary diagnosis among the current Conditions: `code` → `diagnosis.icd10`,
    /// `severity` → `diagnosis.severity`, `onsetDateTime` → `diagnosis.since`.
    /// An onset after the evaluation date is an error in the record (400), as a birth date
    /// after it is and as a patient file's `diagnosis.since` after it is.
    mutating func readConditions(_ resources: [FHIRElement], on day: Day, into writer: inout FactWriter) throws(FHIRError) {
        var candidates: [Candidate] = []
        for resource in resources {
            guard try resource.string("resourceType") == "Condition" else { continue }
            let verification = Set(try resource.codings("verificationStatus").compactMap(\.code))
            if verification.contains("refuted") || verification.contains("entered-in-error") { continue }
            let clinical = try resource.codings("clinicalStatus").compactMap(\.code)
            if clinical.isEmpty {
                // FHIR R4 lets a record leave the status out; the condition is more likely
                // current than not, and the GP sees that it was read as such.
                notes.append("\(resource.path) has no clinicalStatus and was read as active")
            } else if !clinical.contains(where: Self.currentStatuses.contains) {
                continue
            }
            guard let (code, path) = try diagnosis(in: resource) else { continue }
            let onset = try resource.string("onsetDateTime").flatMap { text throws(FHIRError) in
                try FHIRDate.day(text, at: resource.path + ".onsetDateTime", allowTime: true)
            }
            let recorded = try resource.string("recordedDate").flatMap { text throws(FHIRError) in
                try FHIRDate.day(text, at: resource.path + ".recordedDate", allowTime: true)
            }
            candidates.append(Candidate(code: code, path: path, resource: resource, onset: onset, recorded: recorded,
                                        confirmed: verification.isDisjoint(with: Self.unconfirmedStatuses)))
        }
        // A mental-health code (chapter V, F) before any other; a confirmed diagnosis before
        // an unconfirmed one; then the latest episode; then the first in the Bundle.
        let mental = candidates.filter { $0.code.text.hasPrefix("F") }
        let pool = mental.isEmpty ? candidates : mental
        guard let primary = pool.enumerated().max(by: { a, b in
            if a.element.confirmed != b.element.confirmed { return !a.element.confirmed }
            let da = a.element.onset ?? a.element.recorded, db = b.element.onset ?? b.element.recorded
            if da != db { return (da?.ordinal ?? .min) < (db?.ordinal ?? .min) }
            return a.offset > b.offset
        })?.element else { return }
        writer.set("diagnosis.icd10", .string(primary.code.text), from: primary.path)
        if !primary.confirmed {
            notes.append("the diagnosis \(primary.code.text) is unconfirmed (verificationStatus provisional or differential)")
        }
        for coding in try primary.resource.codings("severity") where coding.system == Self.snomedSystem {
            if let code = coding.code, let severity = Self.severities[code] {
                writer.set("diagnosis.severity", .string(severity), from: coding.path)
            }
        }
        if let onset = primary.onset, onset > day {
            throw FHIRError(path: primary.resource.path + ".onsetDateTime", message: "after the evaluation date \(day)")
        }
        if let onset = primary.onset {
            writer.set("diagnosis.since", .date(onset), from: primary.resource.path + ".onsetDateTime")
        }
    }

    /// The first coding of a Condition's code that reads as an ICD-10 code. A Condition
    /// whose codes all go unread is named (with its codes) among the things not used, so
    /// that no diagnosis disappears without a word.
    private mutating func diagnosis(in condition: FHIRElement) throws(FHIRError) -> (ICD10Code, String)? {
        var unreadCodes: [String] = []
        for coding in try condition.codings("code") {
            guard let code = coding.code else { continue }
            guard let terminology = DiagnosisTerminology.of(coding.system) else {
                unreadCodes.append("\(coding.system ?? "no system")|\(code)")
                continue
            }
            switch try terminology.read(code, at: coding.path + ".code") {
            case .icd10(let icd10): return (icd10, coding.path + ".code")
            case .notRead(let why): unreadCodes.append(why)
            }
        }
        if !unreadCodes.isEmpty {
            unread.append("the condition \(condition.path) is coded in no system this service reads (\(unreadCodes.joined(separator: ", ")))")
        } else if let text = try condition.object("code")?.string("text"), !text.isEmpty {
            unread.append("the condition \(condition.path) has only a text, no code")
        }
        return nil
    }
}

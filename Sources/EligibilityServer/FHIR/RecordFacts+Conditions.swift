import Eligibility

extension RecordFacts {
    /// Code systems whose codes are ICD-10: WHO's, and the Danish SKS (a `D` before the
    /// ICD-10 code, `DF321`; SKS codes of other kinds are not diagnoses and are skipped).
    static let icd10System = "http://hl7.org/fhir/sid/icd-10"
    static let sksSystem = "urn:oid:1.2.208.176.2.4"
    static let snomedSystem = "http://snomed.info/sct"
    /// SNOMED CT severity codes of FHIR's condition-severity value set.
    static let severities = ["255604002": "mild", "6736007": "moderate", "24484000": "severe"]

    /// A Condition that may be the primary diagnosis.
    private struct Candidate {
        var code: ICD10Code
        var path: String
        var resource: FHIRElement
        var onset: Day?
        var recorded: Day?
    }

    /// The primary diagnosis among the active Conditions: `code` → `diagnosis.icd10`,
    /// `severity` → `diagnosis.severity`, `onsetDateTime` → `diagnosis.since`.
    /// An onset after the evaluation date is an error in the record (400), as a birth date
    /// after it is and as a patient file's `diagnosis.since` after it is.
    mutating func readConditions(_ bundle: FHIRElement, on day: Day, into writer: inout FactWriter) throws(FHIRError) {
        var candidates: [Candidate] = []
        for resource in try Self.resources(of: bundle) {
            guard try resource.string("resourceType") == "Condition" else { continue }
            let verification = try resource.codings("verificationStatus").compactMap(\.code)
            if verification.contains("refuted") || verification.contains("entered-in-error") { continue }
            let clinical = try resource.codings("clinicalStatus").compactMap(\.code)
            guard clinical.contains(where: { ["active", "recurrence", "relapse"].contains($0) }) else { continue }
            guard let (code, path) = try Self.icd10(in: resource) else {
                if !(try resource.codings("code")).isEmpty {
                    unread.append("an active condition is coded in neither ICD-10 nor SKS")
                }
                continue
            }
            let onset = try resource.string("onsetDateTime").flatMap { text throws(FHIRError) in
                try FHIRDate.day(text, at: resource.path + ".onsetDateTime", allowTime: true)
            }
            let recorded = try resource.string("recordedDate").flatMap { text throws(FHIRError) in
                try FHIRDate.day(text, at: resource.path + ".recordedDate", allowTime: true)
            }
            candidates.append(Candidate(code: code, path: path, resource: resource, onset: onset, recorded: recorded))
        }
        // A mental-health code (chapter V, F) before any other; then the latest episode.
        let mental = candidates.filter { $0.code.text.hasPrefix("F") }
        let pool = mental.isEmpty ? candidates : mental
        guard let primary = pool.enumerated().max(by: { a, b in
            let da = a.element.onset ?? a.element.recorded, db = b.element.onset ?? b.element.recorded
            if da != db { return (da?.ordinal ?? .min) < (db?.ordinal ?? .min) }
            return a.offset > b.offset
        })?.element else { return }
        writer.set("diagnosis.icd10", .string(primary.code.text), from: primary.path)
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

    /// The first ICD-10 (or SKS diagnosis) coding of a Condition's code.
    private static func icd10(in condition: FHIRElement) throws(FHIRError) -> (ICD10Code, String)? {
        for coding in try condition.codings("code") {
            guard let text = coding.code else { continue }
            let path = coding.path + ".code"
            switch coding.system {
            case icd10System:
                break
            case sksSystem:
                // SKS diagnosis codes are 'D' and an ICD-10 code; other SKS codes are procedures etc.
                let upper = Array(text.uppercased())
                guard upper.count >= 3, upper[0] == "D", upper[1].isLetter, upper[2].isNumber else { continue }
            default:
                continue
            }
            do {
                return (try ICD10Code(parsing: text), path)
            } catch {
                throw FHIRError(path: path, message: "not an ICD-10 code (\(error.description))")
            }
        }
        return nil
    }
}

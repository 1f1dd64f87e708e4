import Eligibility

/// The code systems a Condition's diagnosis is read from, and how each becomes the ICD-10
/// code the rules are written in (`diagnosis.icd10`).
enum DiagnosisTerminology: Sendable, CaseIterable {
    /// WHO ICD-10, and the national editions that keep its codes: ICD-10-SE and the
    /// Norwegian ICD-10.
    case icd10
    /// Danish SKS: diagnosis codes are `D` and the ICD-10 code (`DF321`); other SKS codes
    /// (procedures, ...) are no diagnoses.
    case sks
    /// ICPC-2, chapter P (psychological), read through ``icpc2Groups``.
    case icpc2
    /// SNOMED CT, the mental disorders of ``snomedDisorders`` only.
    case snomed

    /// The systems, as `Coding.system` writes them.
    var systems: [String] {
        switch self {
        case .icd10:
            return ["http://hl7.org/fhir/sid/icd-10",
                    // ICD-10-SE: Socialstyrelsen's OID; public sources also write the longer
                    // 1.2.752.116.1.1.1.1.3, so both are read (the codes are ICD-10 either way).
                    "urn:oid:1.2.752.116.1.1.1", "urn:oid:1.2.752.116.1.1.1.1.3",
                    // The Norwegian ICD-10 (Volven 7110).
                    "urn:oid:2.16.578.1.12.4.1.1.7110"]
        case .sks:
            // DK-core writes the diagnosis classification as ...2.4.12; ...2.4 is SKS whole.
            return ["urn:oid:1.2.208.176.2.4.12", "urn:oid:1.2.208.176.2.4"]
        case .icpc2:
            return ["http://hl7.org/fhir/sid/icpc-2"]
        case .snomed:
            return ["http://snomed.info/sct"]
        }
    }

    /// The terminology of a coding's system; nil for a system this service does not read.
    static func of(_ system: String?) -> DiagnosisTerminology? {
        guard let system else { return nil }
        return allCases.first { $0.systems.contains(system) }
    }

    /// ICPC-2 chapter P rubrics whose meaning falls inside one ICD-10 category, mapped to
    /// that category's unspecified code, which is all the rules ask of it (the group:
    /// depression, anxiety, ...). The titles are ICPC-2's (WONCA); the choice of category
    /// is this project's. Rubrics that span several groups (P73 affective psychosis: mania,
    /// bipolar or psychotic depression; P99 other) are left out: their group is unknown.
    static let icpc2Groups: [String: (icd10: String, title: String)] = [
        "P72": ("F20.9", "Schizophrenia"),
        "P74": ("F41.9", "Anxiety disorder/anxiety state"),
        "P76": ("F32.9", "Depressive disorder"),
        "P80": ("F60.9", "Personality disorder"),
        "P82": ("F43.1", "Post-traumatic stress disorder"),
        "P86": ("F50.9", "Anorexia nervosa/bulimia"),
    ]

    /// SNOMED CT disorders the rules' diagnosis groups use, each with the ICD-10 code of
    /// the same meaning. Concept ids and terms as HL7 FHIR examples and public value sets
    /// write them; not checked against a SNOMED CT release, so the list is kept short.
    static let snomedDisorders: [String: (icd10: String, term: String)] = [
        "35489007": ("F32.9", "Depressive disorder"),
        "370143000": ("F32.9", "Major depressive disorder"),
        "197480006": ("F41.9", "Anxiety disorder"),
        "21897009": ("F41.1", "Generalized anxiety disorder"),
        "58214004": ("F20.9", "Schizophrenia"),
        "13746004": ("F31.9", "Bipolar disorder"),
    ]

    /// What a coding of this terminology says.
    enum Reading {
        /// An ICD-10 code.
        case icd10(ICD10Code)
        /// A code of this system that is no diagnosis the rules read (an SKS procedure, an
        /// ICPC-2 or SNOMED CT code outside the lists): named on the card.
        case notRead(String)
    }

    /// Reads one code of this terminology.
    /// - Throws: the code's complaint when an ICD-10 or SKS diagnosis code is malformed.
    func read(_ code: String, at path: String) throws(FHIRError) -> Reading {
        switch self {
        case .icd10:
            return .icd10(try Self.parse(code, at: path))
        case .sks:
            let upper = Array(code.uppercased())
            guard upper.count >= 3, upper[0] == "D", upper[1].isLetter, upper[2].isNumber else {
                return .notRead("SKS \(code) is no diagnosis code")
            }
            return .icd10(try Self.parse(code, at: path))
        case .icpc2:
            guard let entry = Self.icpc2Groups[code.uppercased()], let icd10 = ICD10Code(entry.icd10) else {
                return .notRead("ICPC-2 \(code) has no single ICD-10 group")
            }
            return .icd10(icd10)
        case .snomed:
            guard let entry = Self.snomedDisorders[code], let icd10 = ICD10Code(entry.icd10) else {
                return .notRead("SNOMED CT \(code) is not among the disorders this service reads")
            }
            return .icd10(icd10)
        }
    }

    private static func parse(_ code: String, at path: String) throws(FHIRError) -> ICD10Code {
        do {
            return try ICD10Code(parsing: code)
        } catch {
            throw FHIRError(path: path, message: "not an ICD-10 code (\(error.description))")
        }
    }
}

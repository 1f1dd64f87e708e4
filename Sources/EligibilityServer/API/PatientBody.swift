import Eligibility
import Hummingbird

/// A patient sent as a request body (contract §1, JSON), read against the rules in force.
enum PatientBody {
    /// The name diagnostics give the body: `body:3:5: ...`.
    static let name = "body"

    /// - Throws: 400 for JSON that does not parse (line:column), 422 for a patient the
    ///   rules cannot read (unknown fact with the closest known one, wrong type, no
    ///   jurisdiction).
    static func read(_ bytes: [UInt8], engine: Engine) throws(APIError) -> Patient {
        let source = SourceText(name: name, bytes: bytes)
        do {
            _ = try JSONDocument.parse(source)
        } catch {
            throw APIError(.badRequest, LoadFailure([error]))
        }
        let patient: Patient
        do {
            patient = try engine.decoder.decode(source)
        } catch {
            throw APIError(.unprocessableContent, error)
        }
        if patient.facts["jurisdiction"] == nil, engine.library.catalog["jurisdiction"] != nil {
            throw APIError(.unprocessableContent, "the patient has no 'jurisdiction' (DK, SE or NO); each country's rules apply to its own patients only", at: name)
        }
        return patient
    }
}

import Eligibility
import Hummingbird

/// A patient sent as a request body (contract §1, JSON), read against the rules in force.
enum PatientBody {
    /// The name diagnostics give the body: `body:3:5: ...`.
    static let name = "body"

    /// - Parameter asOf: the evaluation date the request sets (`?as_of=`), else the
    ///   patient's `as_of`, else today: a past event after it is refused, as `check` does.
    /// - Throws: 400 for JSON that does not parse (line:column), 422 for a patient the
    ///   rules cannot read (unknown fact with the closest known one, wrong type, no
    ///   jurisdiction, an event after the evaluation date).
    static func read(_ bytes: [UInt8], engine: Engine, asOf: Day? = nil) throws(APIError) -> Patient {
        let source = SourceText(name: name, bytes: bytes)
        // The decoder reads JSON when the text starts with '{' (else YAML, which a JSON
        // body must never be read as); the JSON is parsed once more only to tell a syntax
        // error (400) from facts the rules cannot read (422).
        let first = bytes.first { ![9, 10, 13, 32].contains($0) }
        guard first == UInt8(ascii: "{") else {
            try syntax(source)
            throw APIError(.unprocessableContent, "a patient must be a JSON object of facts", at: name)
        }
        let patient: Patient
        do {
            patient = try engine.decoder.decode(source, asOf: asOf, today: .today)
        } catch {
            // Stopped at a limit (the 1,001st key of 24,000): refused as it is, without
            // reading the rest to look for a syntax error.
            if error.diagnostics.first?.isBeyondLimits != true { try syntax(source) }
            throw APIError(.unprocessableContent, error)
        }
        if let missing = engine.missingJurisdiction(patient) {
            throw APIError(.unprocessableContent, missing, at: name)
        }
        return patient
    }

    /// - Throws: 400 with the line and column when the body is not JSON.
    private static func syntax(_ source: SourceText) throws(APIError) {
        do {
            _ = try JSONDocument.parse(source)
        } catch {
            throw APIError(.badRequest, LoadFailure([error]))
        }
    }
}

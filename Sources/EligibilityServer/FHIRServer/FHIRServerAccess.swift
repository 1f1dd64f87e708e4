import Eligibility

/// A FHIR server this service may query for one call: the call's `fhirServer`, found in
/// the calling client's `fhir_servers`, and the call's bearer token. Only this server's
/// base gets the token: requests go to the base and to `next` links under it, and
/// redirects are not followed.
struct FHIRServer: Sendable {
    /// The allow-listed base URL, without a trailing `/`.
    let base: String
    /// `fhirAuthorization.access_token`.
    let token: String
}

/// Whether the service may query the call's FHIR server, and if not, why (CDS Hooks 2.0:
/// `fhirServer` with `fhirAuthorization`). The server must be one the deployment listed for
/// the client whose signed JWT the call bore, so that no caller can make this service send
/// requests (and a token) to an address of its choosing.
enum FHIRServerAccess: Sendable {
    case query(FHIRServer)
    /// Not queried: why, as words that follow "missing, and ...".
    case refused(String)
    /// The call names no `fhirServer`: the record system sends everything it means to.
    case notOffered

    /// A FHIR id (FHIR R4 `id`): the only patient ids put into a query.
    static func isFHIRId(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count) && text.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x2E
        }
    }

    /// - Parameters:
    ///   - call: the request (`fhirServer`, `fhirAuthorization`).
    ///   - clients: the CDS clients file; nil when the server runs without one.
    ///   - issuer: the client whose JWT the call bore.
    /// - Throws: 400 for a `fhirAuthorization` that is not CDS Hooks 2.0's (no access
    ///   token, another token type) or a patient id that is no FHIR id.
    static func of(_ call: CDSCall, clients: CDSClients?, issuer: String?) throws(APIError) -> FHIRServerAccess {
        do throws(FHIRError) {
            guard let fhirServer = try call.root.string("fhirServer") else { return .notOffered }
            guard let clients, let issuer, let client = clients.clients[issuer] else {
                return .refused("this service queries a FHIR server only for the CDS clients of serve --cds-clients, and runs without them")
            }
            guard let base = client.fhirServer(fhirServer) else {
                return .refused("fhirServer '\(fhirServer)' is not one this service may query for issuer '\(issuer)' (fhir_servers in the CDS clients file)")
            }
            guard let authorization = try call.root.object("fhirAuthorization") else {
                return .refused("the call gives no fhirAuthorization (an access token) for its fhirServer")
            }
            guard let token = try authorization.string("access_token"), !token.isEmpty else {
                throw FHIRError(path: "fhirAuthorization.access_token", message: "missing; CDS Hooks 2.0 gives the FHIR server's access token here")
            }
            let type = try authorization.string("token_type")
            guard type?.lowercased() == "bearer" else {
                throw FHIRError(path: "fhirAuthorization.token_type", message: "expected Bearer, found \(type.map { "'\($0)'" } ?? "none")")
            }
            if let patient = try authorization.string("patient"), patient != call.patientId {
                return .refused("its fhirAuthorization is for patient '\(patient)', not context.patientId")
            }
            guard isFHIRId(call.patientId) else {
                throw FHIRError(path: "context.patientId", message: "not a FHIR id (1 to 64 letters, digits, '-' and '.'), so it cannot be queried")
            }
            return .query(FHIRServer(base: base, token: token))
        } catch {
            throw APIError(.badRequest, error.message, at: error.path)
        }
    }
}

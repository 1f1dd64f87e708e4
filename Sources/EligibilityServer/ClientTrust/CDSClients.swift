/// Who may call the CDS services (CDS Hooks 2.0, "Trusting CDS Clients"): every call
/// carries a JWT that the client signed with a key from its JWK Set, naming the service's
/// address as its audience. The clients are set by the deployment in a file
/// (`serve --cds-clients FILE`, read by ``load(path:)``):
/// ```yaml
/// service_url: https://cds.region.example   # where record systems call this service
/// trust: /etc/eligcheck/region-ca.pem       # optional: CA certificates for the key-set addresses
/// clients:
///   - iss: https://ehr.region.example       # the `iss` of the client's tokens
///     jwks: https://ehr.region.example/.well-known/jwks.json   # a token's `jku` must be one of these
///     sub: [ehr-client-1]                   # optional: the client ids (`sub`) accepted
///     fhir_servers: [https://fhir.region.example/r4]   # optional: the FHIR servers this
///                                           # service may query when the client's call lacks prefetch
/// ```
public struct CDSClients: Sendable {
    /// One record system allowed to call.
    public struct Client: Sendable, Equatable {
        /// The `iss` its tokens carry.
        public var issuer: String
        /// The HTTPS addresses of its JWK Sets: a token's `jku` must be one of them; a token
        /// without `jku` is checked against the first.
        public var keySets: [String]
        /// The client ids (`sub`) accepted; empty: any.
        public var subjects: [String] = []
        /// The base URLs of the FHIR servers this service may query for the client's calls
        /// (a call's `fhirServer` must be one of them, exactly, a trailing `/` aside):
        /// `https://`, or `http://` on a loopback address. Empty: none is queried.
        public var fhirServers: [String] = []

        /// The allow-listed base URL that `fhirServer` names, without a trailing `/`; nil
        /// when it names none.
        func fhirServer(_ fhirServer: String) -> String? {
            let wanted = Self.withoutTrailingSlash(fhirServer)
            return fhirServers.first { Self.withoutTrailingSlash($0) == wanted }.map(Self.withoutTrailingSlash)
        }

        static func withoutTrailingSlash(_ url: String) -> String {
            url.hasSuffix("/") ? String(url.dropLast()) : url
        }
    }

    /// The address clients call the service at, without a trailing slash: a token's `aud`
    /// must be this followed by the path called (`/cds-services/{id}`).
    public var serviceURL: String
    /// A PEM file of CA certificates trusted, besides the system's, when fetching key sets.
    public var trustFile: String?
    /// The clients by issuer.
    public var clients: [String: Client]

    /// The audience a token must name to call `path`.
    func audience(for path: String) -> String { serviceURL + path }
}

/// Why a CDS Hooks call's token was refused: said to the client (401) and, by kind only,
/// in the log.
struct ClientRefusal: Error, Sendable {
    enum Kind: String, Sendable {
        case missing, malformed, algorithm, unknownIssuer = "unknown_issuer", keySetNotAllowed = "jku_not_allowed"
        case keySetUnavailable = "jwks_unavailable", unknownKey = "unknown_key", signature
        case expired, lifetime, notYetValid = "issued_in_future", audience, subject, replayed, replayWindowFull = "replay_window_full"
    }

    var kind: Kind
    var message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}

import Foundation
import JWTKit

/// The claims of a CDS client's token (CDS Hooks 2.0): `iss`, `sub`, `aud`, `exp`, `iat` and
/// `jti` are required, `tenant` is optional. Decoded as optional so that a missing one is
/// named (``ClientTokenCheck``), not reported as a decoding error.
struct ClientClaims: JWTPayload {
    var iss: String?
    var sub: String?
    var aud: AudienceClaim?
    var exp: ExpirationClaim?
    var iat: IssuedAtClaim?
    var jti: String?
    var tenant: String?

    /// The claims are checked by ``ClientTokenCheck``, each with its own message.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// A JWT's protected header, read before its signature is checked: which key to check it with.
struct ClientTokenHeader {
    var algorithm: String?
    var keyId: String?
    var keySet: String?

    /// - Returns: nil when the part is not base64url-encoded JSON object.
    init?(_ part: Substring) {
        guard let object = JWTSegment.object(part) else { return nil }
        algorithm = object["alg"] as? String
        keyId = object["kid"] as? String
        keySet = object["jku"] as? String
        if object["jku"] != nil && keySet == nil { return nil }
    }
}

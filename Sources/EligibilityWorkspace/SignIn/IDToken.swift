import Foundation
import JWTKit

/// The standard claims of an OpenID Connect ID token that sign-in checks; each is
/// optional here so that a missing one is named rather than reported as a decoding error.
struct IDTokenClaims: JWTPayload {
    var iss: String?
    var sub: String?
    var aud: AudienceClaim?
    var exp: ExpirationClaim?
    var iat: IssuedAtClaim?
    var nonce: String?
    var name: String?
    var preferred_username: String?

    /// Checked by ``OpenIDProvider/member(fromIDToken:nonce:)``, each with its own message.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// What the ID token's own claims say about teams and roles.
enum JWTParts {
    /// A claim holding a list of names: a JSON array of strings, or one string of names
    /// separated by spaces or commas.
    static func names(_ value: Any?) -> [String] {
        if let list = value as? [Any] { return list.compactMap { $0 as? String }.filter { !$0.isEmpty } }
        if let text = value as? String {
            return text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        }
        return []
    }
}

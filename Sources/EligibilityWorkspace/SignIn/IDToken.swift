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

/// The parts of a JWT read before its signature is checked.
enum JWTParts {
    /// The JSON object of a base64url part; nil when it is not one.
    static func object(_ part: Substring) -> [String: Any]? {
        var text = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        text += String(repeating: "=", count: (4 - text.count % 4) % 4)
        guard let data = Data(base64Encoded: text) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

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

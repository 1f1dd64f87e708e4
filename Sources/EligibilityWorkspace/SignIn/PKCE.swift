import Foundation

/// The random values of one sign-in (RFC 7636 and OpenID Connect Core): the PKCE code
/// verifier and its S256 challenge, the `state` that binds the answer to this browser, and
/// the `nonce` the ID token must echo.
public struct SignInAttempt: Sendable {
    let state: String
    let verifier: String
    let nonce: String

    init() {
        state = Self.randomText()
        verifier = Self.randomText()
        nonce = Self.randomText()
    }

    /// BASE64URL(SHA256(verifier)), the `code_challenge` for `S256`.
    var challenge: String { Self.base64URL(SHA256.digest(Array(verifier.utf8))) }

    /// 32 random bytes as 43 base64url characters (256 bits: RFC 7636 asks for at least 256).
    static func randomText() -> String {
        var generator = SystemRandomNumberGenerator()
        return base64URL((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The lower-case hex SHA-256 of a secret, as the store keeps it (a stolen database
    /// gives no live session or sign-in).
    static func hash(_ secret: String) -> String {
        SHA256.digest(Array(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

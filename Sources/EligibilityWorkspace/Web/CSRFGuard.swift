import Hummingbird

/// Cross-site request forgery protection for the pages' forms: each browser gets a token
/// in an HttpOnly, SameSite=Strict cookie, every form carries the same token in a hidden
/// field, and a form post is taken only when the two are equal and the token is one this
/// server process issued. (The JSON API needs no token: it takes only `application/json`,
/// which a page on another site cannot send without the browser asking this server first.)
///
/// Equality alone (double submit) is not enough: anyone who can plant a cookie for the
/// workspace's host (a sibling subdomain, a man in the middle on plain HTTP) can choose a
/// cookie and a field that match. So a token is a random nonce and its HMAC-SHA-256 under
/// the store's secret (``CaseRecords/csrfSecret``); a pair that matches but was not signed
/// with it is refused. On SQLite the secret is drawn when the process starts, so pages served
/// before a restart must be reloaded (the refusal says so); on PostgreSQL it is kept in the
/// database, so every server behind a load balancer takes the forms another served.
struct CSRFGuard: Sendable {
    static let cookieName = "eligcheck_csrf"
    static let fieldName = "csrf_token"
    private static let nonceBytes = 16
    /// Hex digits in a token: the nonce, then its signature.
    static let tokenLength = 2 * (nonceBytes + SHA256.digestBytes)

    private let secret: [UInt8]

    /// - Parameter secret: the signing key; a new random one of 32 bytes unless a test gives one.
    init(secret: [UInt8]? = nil) {
        self.secret = secret ?? Self.randomBytes(32)
    }

    /// Why a form post was refused.
    enum Refusal: Sendable, Equatable {
        /// No cookie or no field, or a token that is not of the form this server issues.
        case missing
        /// Cookie and field differ: the form was not served to this browser.
        case mismatch
        /// Cookie and field agree but the signature is not this process's.
        case notIssued
    }

    /// The browser's token, or a new one to be set with `cookie(for:)` (also when the
    /// browser's was issued by another process, so a reload after a restart recovers).
    func token(for request: Request) -> (token: String, isNew: Bool) {
        if let value = request.cookies[Self.cookieName]?.value, isIssued(value) {
            return (value, false)
        }
        return (issue(), true)
    }

    /// A new signed token.
    func issue() -> String {
        let nonce = Self.randomBytes(Self.nonceBytes)
        return Self.hex(nonce + SHA256.hmac(key: secret, message: nonce))
    }

    func cookie(for token: String) -> Cookie {
        Cookie(name: Self.cookieName, value: token, path: "/", httpOnly: true, sameSite: .strict)
    }

    /// Why a cookie and field pair is refused; nil when it is accepted.
    func check(cookie: String?, field: String?) -> Refusal? {
        guard let cookie, let field, Self.decode(cookie) != nil, Self.decode(field) != nil else { return .missing }
        guard Self.constantTimeEqual(Array(cookie.utf8), Array(field.utf8)) else { return .mismatch }
        return isIssued(cookie) ? nil : .notIssued
    }

    /// Whether `token` is a nonce signed with this process's secret.
    func isIssued(_ token: String) -> Bool {
        guard let bytes = Self.decode(token) else { return false }
        let nonce = Array(bytes[..<Self.nonceBytes])
        return Self.constantTimeEqual(SHA256.hmac(key: secret, message: nonce), Array(bytes[Self.nonceBytes...]))
    }

    /// The bytes of a token of lower-case hex digits of the right length.
    private static func decode(_ token: String) -> [UInt8]? {
        let digits = Array(token.utf8)
        guard digits.count == tokenLength else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(tokenLength / 2)
        for i in stride(from: 0, to: digits.count, by: 2) {
            guard let high = nibble(digits[i]), let low = nibble(digits[i + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case 48...57: return digit - 48
        case 97...102: return digit - 87
        default: return nil
        }
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// Compares without stopping at the first difference, so timing tells nothing.
    private static func constantTimeEqual(_ x: [UInt8], _ y: [UInt8]) -> Bool {
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}

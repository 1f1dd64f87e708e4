import Hummingbird

/// Cross-site request forgery protection for the pages' forms (double-submit): each browser
/// gets a random token in an HttpOnly, SameSite=Strict cookie, every form carries the same
/// token in a hidden field, and a form post whose field does not match the cookie is
/// refused. (The JSON API needs no token: it takes only `application/json`, which a page
/// on another site cannot send without the browser asking this server first.)
struct CSRFGuard: Sendable {
    static let cookieName = "eligcheck_csrf"
    static let fieldName = "csrf_token"

    /// The browser's token, or a new one to be set with `cookie(for:)`.
    func token(for request: Request) -> (token: String, isNew: Bool) {
        if let value = request.cookies[Self.cookieName]?.value, Self.isWellFormed(value) {
            return (value, false)
        }
        var generator = SystemRandomNumberGenerator()
        let token = (0..<4).map { _ in
            let hex = String(generator.next(), radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
        return (token, true)
    }

    func cookie(for token: String) -> Cookie {
        Cookie(name: Self.cookieName, value: token, path: "/", httpOnly: true, sameSite: .strict)
    }

    /// Whether a form post carries the token of the browser that sent it.
    func accepts(_ form: FormBody, from request: Request) -> Bool {
        guard let cookie = request.cookies[Self.cookieName]?.value, Self.isWellFormed(cookie),
              let field = form[Self.fieldName] else { return false }
        return Self.constantTimeEqual(cookie, field)
    }

    private static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 64 && token.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// Compares without stopping at the first difference, so timing tells nothing.
    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}

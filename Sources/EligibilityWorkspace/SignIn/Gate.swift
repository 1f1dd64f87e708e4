import Foundation
import Hummingbird

/// Who a request comes from. Without sign-in every request is the ``Member/local`` user
/// (the server listens on loopback, one user on one machine); with sign-in, the member of
/// the request's session cookie, or nobody.
public struct Gate: Sendable {
    static let sessionCookie = "eligcheck_session"
    static let signInCookie = "eligcheck_sign_in"

    /// nil: no sign-in.
    let provider: OpenIDProvider?
    let store: any CaseRecords

    public init(provider: OpenIDProvider?, store: any CaseRecords) {
        self.provider = provider
        self.store = store
    }

    public var requiresSignIn: Bool { provider != nil }

    /// The identity provider's origin (`https://login.example:8443`), for the pages'
    /// Content-Security-Policy: the sign-out form's answer redirects there.
    var providerOrigin: String? {
        guard let provider, let url = URL(string: provider.settings.issuer), let scheme = url.scheme, let host = url.host else { return nil }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }

    /// Who asks, and from where; nil when sign-in is on and the request has neither a live
    /// session nor a live API token. The admin's grants are added on every request, so a
    /// grant or a revocation takes effect at once.
    func access(_ request: Request, origin: String) async throws -> Access? {
        guard provider != nil else { return Access(member: .local, origin: origin) }
        let member: Member?
        if let token = request.cookies[Self.sessionCookie]?.value, !token.isEmpty {
            member = try await store.member(ofSession: token)
        } else if let secret = Self.bearer(request) {
            member = try await store.member(ofToken: secret)
        } else {
            member = nil
        }
        guard let member else { return nil }
        return Access(member: member.adding(try await store.grants(of: member.subject)), claimed: member, origin: origin)
    }

    /// The secret of an `Authorization: Bearer` header.
    static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.count > 7,
              header.prefix(7).lowercased() == "bearer " else { return nil }
        let secret = header.dropFirst(7).trimmingCharacters(in: .whitespaces)
        return secret.isEmpty ? nil : secret
    }

    /// A cookie of the workspace: HttpOnly, SameSite=Lax (the provider's redirect back is a
    /// top-level navigation from another site, which Strict would strip), Secure on HTTPS.
    func cookie(_ name: String, _ value: String, maxAge: Int) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: provider?.settings.secureCookies ?? false,
               httpOnly: true, sameSite: .lax)
    }
}

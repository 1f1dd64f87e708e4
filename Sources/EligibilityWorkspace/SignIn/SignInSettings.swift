import Foundation

/// How the workspace signs members in with OpenID Connect (authorization code with PKCE):
/// the organisation's identity provider, this server's client registration there, and the
/// ID token claims that carry teams and roles.
public struct SignInSettings: Sendable {
    /// The provider's issuer URL; its discovery document is at
    /// `<issuer>/.well-known/openid-configuration`.
    public let issuer: String
    public let clientId: String
    public let clientSecret: String
    /// The workspace's address as browsers reach it (`https://eligcheck.region.dk`); the
    /// provider sends members back to `<publicURL>/signin/callback`.
    public let publicURL: String
    /// The ID token claim listing the member's roles (`case_manager`, `reader`, `admin`).
    public var rolesClaim = "eligcheck_roles"
    /// The ID token claim listing the member's teams.
    public var teamsClaim = "groups"
    /// How long a session lasts from sign-in: a working day.
    public var sessionLifetime: TimeInterval = 8 * 3600
    /// PEM CA certificates trusted besides the system's, for the provider's HTTPS.
    public var trustFile: String?

    /// - Throws: `SignInSettingsError` when an address is not HTTPS (plain HTTP is allowed
    ///   on loopback only, for a provider and a workspace on the same machine).
    public init(issuer: String, clientId: String, clientSecret: String, publicURL: String) throws(SignInSettingsError) {
        self.issuer = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        guard !clientId.isEmpty else { throw SignInSettingsError("the client id is empty") }
        guard !clientSecret.isEmpty else { throw SignInSettingsError("the client secret file is empty") }
        try Self.requireSecure(self.issuer, "the issuer")
        try Self.requireSecure(self.publicURL, "the public URL")
    }

    /// Where the provider sends the browser back with the code.
    public var redirectURI: String { publicURL + "/signin/callback" }

    /// Whether the session cookie is `Secure` (always, unless the workspace is plain HTTP on loopback).
    var secureCookies: Bool { publicURL.lowercased().hasPrefix("https://") }

    private static func requireSecure(_ address: String, _ what: String) throws(SignInSettingsError) {
        guard let url = URL(string: address), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw SignInSettingsError("\(what) \(address) is not an absolute URL (expected https://host[:port][/path])")
        }
        if scheme == "https" { return }
        let loopback = ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
        guard scheme == "http", loopback else {
            throw SignInSettingsError("\(what) \(address) must use https (plain http only on 127.0.0.1, ::1 or localhost)")
        }
    }
}

public struct SignInSettingsError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

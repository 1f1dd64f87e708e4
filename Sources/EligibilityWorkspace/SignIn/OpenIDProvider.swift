import AsyncHTTPClient
import EligibilityServer
import Foundation
import JWTKit
import NIOCore
import NIOFoundationCompat
import NIOSSL

/// The organisation's identity provider as the workspace uses it: its discovery document
/// and key set (fetched over HTTPS and kept for five minutes), the exchange of an
/// authorization code for tokens, and the checks of the ID token that make a ``Member``.
public actor OpenIDProvider {
    struct Endpoints: Decodable {
        var issuer: String
        var authorization_endpoint: String
        var token_endpoint: String
        var jwks_uri: String
        var end_session_endpoint: String?
    }

    static let keep: Duration = .seconds(300)
    static let timeout: TimeAmount = .seconds(10)
    static let maxBytes = 256 * 1024
    /// Clock skew allowed on `exp` and `iat`.
    static let leeway: TimeInterval = 60

    public let settings: SignInSettings
    private let http: HTTPClient
    private var endpoints: (Endpoints, ContinuousClock.Instant)?
    private var keys: (JWKS, ContinuousClock.Instant)?

    public init(settings: SignInSettings) {
        self.settings = settings
        var tls = TLSConfiguration.makeClientConfiguration()
        if let trustFile = settings.trustFile { tls.additionalTrustRoots = [.file(trustFile)] }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.redirectConfiguration = .disallow
        http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    public func shutdown() async {
        try? await http.shutdown()
    }

    /// Where to send the browser to sign in.
    func authorizationURL(for attempt: SignInAttempt) async throws(SignInFailure) -> String {
        let endpoints = try await discovered()
        guard var parts = URLComponents(string: endpoints.authorization_endpoint) else {
            throw SignInFailure("the provider's authorization_endpoint \(endpoints.authorization_endpoint) is not a URL")
        }
        parts.queryItems = (parts.queryItems ?? []) + [
            URLQueryItem(name: "response_type", value: "code"),
            URLQueryItem(name: "client_id", value: settings.clientId),
            URLQueryItem(name: "redirect_uri", value: settings.redirectURI),
            URLQueryItem(name: "scope", value: "openid profile"),
            URLQueryItem(name: "state", value: attempt.state),
            URLQueryItem(name: "nonce", value: attempt.nonce),
            URLQueryItem(name: "code_challenge", value: attempt.challenge),
            URLQueryItem(name: "code_challenge_method", value: "S256"),
        ]
        guard let url = parts.url?.absoluteString else {
            throw SignInFailure("the provider's authorization_endpoint \(endpoints.authorization_endpoint) is not a URL")
        }
        return url
    }

    /// The provider's sign-out address, when it has one.
    func endSessionURL() async -> String? {
        guard let endpoint = try? await discovered().end_session_endpoint, var parts = URLComponents(string: endpoint) else { return nil }
        parts.queryItems = (parts.queryItems ?? []) + [
            URLQueryItem(name: "client_id", value: settings.clientId),
            URLQueryItem(name: "post_logout_redirect_uri", value: settings.publicURL + "/"),
        ]
        return parts.url?.absoluteString
    }

    /// Exchanges the code for tokens (client_secret_basic, with the PKCE verifier) and
    /// makes the member from the ID token.
    func member(code: String, verifier: String, nonce: String) async throws(SignInFailure) -> Member {
        let endpoints = try await discovered()
        let form = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", settings.redirectURI),
                    ("code_verifier", verifier), ("client_id", settings.clientId)]
        var request = HTTPClientRequest(url: endpoints.token_endpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        let credentials = Self.formEncode(settings.clientId) + ":" + Self.formEncode(settings.clientSecret)
        request.headers.add(name: "Authorization", value: "Basic " + Data(credentials.utf8).base64EncodedString())
        request.body = .bytes(ByteBuffer(string: form.map { Self.formEncode($0.0) + "=" + Self.formEncode($0.1) }.joined(separator: "&")))
        let (status, body) = try await send(request, what: "the token endpoint")
        let answer = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any]
        guard status == 200 else {
            let error = answer?["error"] as? String ?? "HTTP \(status)"
            let detail = (answer?["error_description"] as? String).map { ": \($0)" } ?? ""
            throw SignInFailure("the identity provider refused the code (\(error)\(detail))")
        }
        guard let idToken = answer?["id_token"] as? String else {
            throw SignInFailure("the identity provider's token answer has no id_token")
        }
        return try await member(fromIDToken: idToken, nonce: nonce)
    }

    /// Checks the ID token (OpenID Connect Core 3.1.3.7): signed by a key of the provider's
    /// set, `iss` the issuer, `aud` this client, not expired, the nonce of this sign-in.
    func member(fromIDToken token: String, nonce: String, now: Date = Date()) async throws(SignInFailure) -> Member {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let header = JWTSegment.object(parts[0]), let payload = JWTSegment.object(parts[1]) else {
            throw SignInFailure("the ID token is not a signed JWT")
        }
        guard let kid = header["kid"] as? String else { throw SignInFailure("the ID token's header names no key (kid)") }
        let claims: IDTokenClaims
        do {
            let collection = JWTKeyCollection()
            guard let key = try await key(kid) else { throw SignInFailure("the provider's key set has no key '\(kid)'") }
            try await collection.add(jwk: key)
            claims = try await collection.verify(token, as: IDTokenClaims.self)
        } catch let failure as SignInFailure {
            throw failure
        } catch {
            throw SignInFailure("the ID token's signature does not verify with the provider's key '\(kid)'")
        }
        guard claims.iss == settings.issuer else {
            throw SignInFailure("the ID token's issuer is '\(claims.iss ?? "none")', not \(settings.issuer)")
        }
        guard claims.aud?.value.contains(settings.clientId) == true else {
            throw SignInFailure("the ID token is not for this client (aud does not contain '\(settings.clientId)')")
        }
        guard let expires = claims.exp?.value, expires.addingTimeInterval(Self.leeway) > now else {
            throw SignInFailure("the ID token has expired or has no exp")
        }
        guard claims.nonce == nonce else { throw SignInFailure("the ID token's nonce is not this sign-in's") }
        guard let subject = claims.sub, !subject.isEmpty else { throw SignInFailure("the ID token has no sub") }
        let roles = Set(JWTParts.names(payload[settings.rolesClaim]).compactMap(Member.Role.init(rawValue:)))
        return Member(subject: subject, name: claims.name ?? claims.preferred_username ?? subject,
                      teams: JWTParts.names(payload[settings.teamsClaim]), roles: roles)
    }

    private func discovered() async throws(SignInFailure) -> Endpoints {
        if let (held, at) = endpoints, ContinuousClock.now - at < Self.keep { return held }
        let address = settings.issuer + "/.well-known/openid-configuration"
        let (status, body) = try await send(HTTPClientRequest(url: address), what: "the discovery document")
        guard status == 200 else { throw SignInFailure("the discovery document at \(address) answered HTTP \(status)") }
        guard let found = try? JSONDecoder().decode(Endpoints.self, from: Data(buffer: body)) else {
            throw SignInFailure("the discovery document at \(address) lacks issuer, authorization_endpoint, token_endpoint or jwks_uri")
        }
        guard found.issuer == settings.issuer else {
            throw SignInFailure("the discovery document names the issuer '\(found.issuer)', not \(settings.issuer)")
        }
        endpoints = (found, .now)
        return found
    }

    /// A key of the provider's set, fetched again once when the held set lacks it (the provider rotated its keys).
    private func key(_ kid: String) async throws(SignInFailure) -> JWK? {
        if let (held, at) = keys, ContinuousClock.now - at < Self.keep, let key = held.find(identifier: kid)?.first { return key }
        let address = try await discovered().jwks_uri
        let (status, body) = try await send(HTTPClientRequest(url: address), what: "the key set")
        guard status == 200, let set = try? JSONDecoder().decode(JWKS.self, from: Data(buffer: body)) else {
            throw SignInFailure("the provider's key set at \(address) could not be read (HTTP \(status))")
        }
        keys = (set, .now)
        return set.find(identifier: kid)?.first
    }

    private func send(_ request: HTTPClientRequest, what: String) async throws(SignInFailure) -> (UInt, ByteBuffer) {
        do {
            let response = try await http.execute(request, timeout: Self.timeout)
            return (response.status.code, try await response.body.collect(upTo: Self.maxBytes))
        } catch {
            throw SignInFailure("\(what) of the identity provider could not be reached at \(request.url) (\(error))")
        }
    }

    /// `application/x-www-form-urlencoded` for one name or value.
    nonisolated static func formEncode(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

import Foundation
import JWTKit

/// Checks the JWT of a CDS Hooks call as CDS Hooks 2.0 asks: signed (RS384 or ES384) by a
/// key of a listed issuer's JWK Set, for this service's address, not expired, not issued in
/// the future, not living longer than ``longestLifetime``, from an accepted client id, and
/// not seen before.
struct ClientTokenCheck: Sendable {
    static let algorithms = ["RS384", "ES384"]
    /// The longest a token may live: it bounds the replay window. CDS Hooks recommends five minutes.
    static let longestLifetime: TimeInterval = 3600
    /// Clock difference allowed between the record system and this service.
    static let leeway: TimeInterval = 30

    let clients: CDSClients
    let keySets: KeySets
    let replays: ReplayWindow

    /// - Parameters:
    ///   - authorization: the `Authorization` header.
    ///   - path: the path called (`/cds-services/{id}`), which the audience must name.
    /// - Returns: the token's claims, checked.
    func verify(_ authorization: String?, path: String, now: Date = Date()) async throws(ClientRefusal) -> ClientClaims {
        guard let authorization, authorization.hasPrefix("Bearer ") else {
            throw ClientRefusal(.missing, "a CDS client signs a JWT for every call: Authorization: Bearer <JWT>")
        }
        let token = authorization.dropFirst(7).trimmingCharacters(in: .whitespaces)
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let header = ClientTokenHeader(parts[0]) else {
            throw ClientRefusal(.malformed, "the bearer token is not a JWT: three base64url parts separated by '.', the first a JSON header")
        }
        guard let algorithm = header.algorithm, Self.algorithms.contains(algorithm) else {
            throw ClientRefusal(.algorithm, "the JWT is signed with \(header.algorithm.map { "'\($0)'" } ?? "no algorithm"); this service accepts \(Self.algorithms.joined(separator: " and "))")
        }
        guard let kid = header.keyId, !kid.isEmpty else {
            throw ClientRefusal(.malformed, "the JWT's header has no 'kid': the id of the key in the client's JWK Set that signed it")
        }
        let unverified: ClientClaims
        do {
            unverified = try await JWTKeyCollection().unverified(token, as: ClientClaims.self)
        } catch {
            throw ClientRefusal(.malformed, "the JWT's payload is not the claims of a CDS client (iss, sub, aud, exp, iat, jti as CDS Hooks 2.0 gives them)")
        }
        guard let issuer = unverified.iss, !issuer.isEmpty else {
            throw ClientRefusal(.malformed, "the JWT has no 'iss': the issuer, a record system listed in the service's CDS clients file")
        }
        guard let client = clients.clients[issuer] else {
            throw ClientRefusal(.unknownIssuer, "issuer '\(issuer)' is not a CDS client of this service")
        }
        let address: String
        if let jku = header.keySet {
            guard client.keySets.contains(jku) else {
                throw ClientRefusal(.keySetNotAllowed, "the JWT's jku \(jku) is not a key set listed for issuer '\(issuer)'")
            }
            address = jku
        } else {
            address = client.keySets[0]
        }
        guard let key = try await keySets.key(kid, at: address) else {
            throw ClientRefusal(.unknownKey, "the JWK Set of issuer '\(issuer)' at \(address) has no key '\(kid)'")
        }
        if let keyAlgorithm = key.algorithm, keyAlgorithm.rawValue != algorithm {
            throw ClientRefusal(.algorithm, "key '\(kid)' of issuer '\(issuer)' is for \(keyAlgorithm.rawValue), the JWT says \(algorithm)")
        }
        let claims: ClientClaims
        do {
            let keys = JWTKeyCollection()
            try await keys.add(jwk: key)
            claims = try await keys.verify(token, as: ClientClaims.self)
        } catch {
            throw ClientRefusal(.signature, "the JWT's signature does not verify with key '\(kid)' of issuer '\(issuer)'")
        }
        let expires = try check(claims, client: client, path: path, now: now)
        guard let id = claims.jti, !id.isEmpty else {
            throw ClientRefusal(.malformed, "the JWT has no 'jti': a nonce that makes each token single-use")
        }
        switch await replays.admit(issuer: issuer, id: id, expires: expires.addingTimeInterval(Self.leeway), now: now) {
        case .admitted: return claims
        case .replayed: throw ClientRefusal(.replayed, "this JWT (jti '\(id)') was used before; sign a new one for every call")
        case .full: throw ClientRefusal(.replayWindowFull, "too many live tokens to remember; sign tokens that expire sooner (CDS Hooks recommends five minutes)")
        }
    }

    /// The claims besides the signature and the nonce.
    /// - Returns: when the token expires.
    private func check(_ claims: ClientClaims, client: CDSClients.Client, path: String, now: Date) throws(ClientRefusal) -> Date {
        guard let expires = claims.exp?.value else {
            throw ClientRefusal(.malformed, "the JWT has no 'exp': when it expires, in seconds since 1970")
        }
        guard expires.addingTimeInterval(Self.leeway) > now else {
            throw ClientRefusal(.expired, "the JWT expired \(Int(now.timeIntervalSince(expires))) s ago")
        }
        guard expires.timeIntervalSince(now) <= Self.longestLifetime + Self.leeway else {
            throw ClientRefusal(.lifetime, "the JWT expires \(Int(expires.timeIntervalSince(now))) s from now; this service accepts tokens that live at most \(Int(Self.longestLifetime)) s (CDS Hooks recommends 300)")
        }
        guard let issued = claims.iat?.value else {
            throw ClientRefusal(.malformed, "the JWT has no 'iat': when it was issued, in seconds since 1970")
        }
        guard issued <= now.addingTimeInterval(Self.leeway) else {
            throw ClientRefusal(.notYetValid, "the JWT was issued \(Int(issued.timeIntervalSince(now))) s in the future; check the record system's clock")
        }
        let audience = clients.audience(for: path)
        guard let named = claims.aud?.value, named.contains(audience) else {
            let found = claims.aud?.value.map { "'\($0)'" }.joined(separator: ", ") ?? "none"
            throw ClientRefusal(.audience, "the JWT's aud is \(found); a call to this service must name \(audience)")
        }
        guard let subject = claims.sub, !subject.isEmpty else {
            throw ClientRefusal(.malformed, "the JWT has no 'sub': the client id of the record system")
        }
        guard client.subjects.isEmpty || client.subjects.contains(subject) else {
            throw ClientRefusal(.subject, "client id '\(subject)' is not one listed for issuer '\(client.issuer)'")
        }
        return expires
    }
}

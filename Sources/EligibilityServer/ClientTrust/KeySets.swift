import AsyncHTTPClient
import Foundation
import JWTKit
import NIOCore
import NIOSSL

/// The clients' JWK Sets, fetched over HTTPS and kept for ``keep``; fetched again when a
/// token names a key the set lacks (a client rotating its keys), at most once per
/// ``refetchAfter`` per address, so unknown key ids cannot make the service hammer a client.
actor KeySets {
    static let keep: Duration = .seconds(300)
    static let refetchAfter: Duration = .seconds(30)
    /// A JWK Set larger than this is refused (a few keys take a few kilobytes).
    static let maxBytes = 64 * 1024
    static let timeout: TimeAmount = .seconds(5)

    private struct Fetched {
        var keys: JWKS
        var at: ContinuousClock.Instant
    }

    private let http: HTTPClient
    private var fetched: [String: Fetched] = [:]

    /// - Parameter trustFile: PEM CA certificates trusted besides the system's.
    init(trustFile: String?) {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let trustFile { tls.additionalTrustRoots = [.file(trustFile)] }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        // A key set is where the client said it is: a redirect could lead anywhere.
        configuration.redirectConfiguration = .disallow
        http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// The key `kid` of the set at `address`, fetched when not held or, once in a while,
    /// when the held set lacks it.
    func key(_ kid: String, at address: String) async throws(ClientRefusal) -> JWK? {
        let now = ContinuousClock.now
        if let held = fetched[address] {
            let fresh = now - held.at < Self.keep
            if let key = held.keys.find(identifier: kid)?.first, fresh { return key }
            if now - held.at < Self.refetchAfter { return held.keys.find(identifier: kid)?.first }
        }
        let keys = try await fetch(address)
        fetched[address] = Fetched(keys: keys, at: now)
        return keys.find(identifier: kid)?.first
    }

    private func fetch(_ address: String) async throws(ClientRefusal) -> JWKS {
        var request = HTTPClientRequest(url: address)
        request.headers.add(name: "Accept", value: "application/json")
        let body: ByteBuffer
        do {
            let response = try await http.execute(request, timeout: Self.timeout)
            guard response.status == .ok else {
                throw ClientRefusal(.keySetUnavailable, "the issuer's JWK Set at \(address) answered \(response.status.code)")
            }
            body = try await response.body.collect(upTo: Self.maxBytes)
        } catch let refusal as ClientRefusal {
            throw refusal
        } catch {
            throw ClientRefusal(.keySetUnavailable, "the issuer's JWK Set at \(address) could not be fetched (\(Self.describe(error)))")
        }
        do {
            return try JSONDecoder().decode(JWKS.self, from: Data(buffer: body))
        } catch {
            throw ClientRefusal(.keySetUnavailable, "the issuer's JWK Set at \(address) is not a JWK Set (\(Self.describe(error)))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        if error is NIOTooManyBytesError { return "larger than \(maxBytes) bytes" }
        return String(describing: error)
    }

    func shutdown() async {
        try? await http.shutdown()
    }
}

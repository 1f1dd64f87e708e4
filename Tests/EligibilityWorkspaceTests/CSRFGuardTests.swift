@testable import EligibilityWorkspace
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A form post is taken only with a token this process signed, the same in the cookie and
/// the field: a pair an attacker makes up, equal as it may be, gets 403.
@Suite struct CSRFGuardTests {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test func sha256MatchesThePublishedVectors() {
        #expect(Self.hex(SHA256.digest([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.hex(SHA256.digest(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Self.hex(SHA256.digest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(Self.hex(SHA256.digest([UInt8](repeating: 0x61, count: 1_000_000)))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func hmacMatchesRFC4231() {
        // Test cases 1, 2 and 6 (a key longer than a block).
        #expect(Self.hex(SHA256.hmac(key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8)))
            == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(Self.hex(SHA256.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(Self.hex(SHA256.hmac(key: [UInt8](repeating: 0xaa, count: 131),
                                     message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)))
            == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test func onlyTokensThisProcessIssuedAreTaken() {
        let guardian = CSRFGuard()
        let token = guardian.issue()
        #expect(token.utf8.count == CSRFGuard.tokenLength)
        #expect(guardian.check(cookie: token, field: token) == nil)
        // Well formed, equal, but made up: the double-submit check alone would take it.
        let forged = String(repeating: "ab", count: CSRFGuard.tokenLength / 2)
        #expect(guardian.check(cookie: forged, field: forged) == .notIssued)
        // Signed by another process (a restart, another server).
        let other = CSRFGuard().issue()
        #expect(guardian.check(cookie: other, field: other) == .notIssued)
        // A valid token with its signature's last digit changed.
        let flipped = String(token.dropLast()) + (token.hasSuffix("0") ? "1" : "0")
        #expect(guardian.check(cookie: flipped, field: flipped) == .notIssued)
        #expect(guardian.check(cookie: token, field: guardian.issue()) == .mismatch)
        #expect(guardian.check(cookie: token, field: nil) == .missing)
        #expect(guardian.check(cookie: nil, field: token) == .missing)
        #expect(guardian.check(cookie: token.uppercased(), field: token.uppercased()) == .missing)
    }

    @Test func aForgedCookieAndFieldPairGets403AndChangesNothing() async throws {
        let (router, service) = try workspaceRouter()
        let created = try await service.create(label: "P-1", facts: trapFacts(income: 1), by: .test)
        try await Application(router: router).test(.router) { client in
            let forged = String(repeating: "0", count: CSRFGuard.tokenLength)
            let body = "csrf_token=\(forged)&version=1&label=P-1&jurisdiction=SE&age=50"
            try await client.execute(uri: "/cases/\(created.id)", method: .post,
                                     headers: CasePagesTests.form(cookie: "\(CSRFGuard.cookieName)=\(forged)"),
                                     body: ByteBuffer(string: body)) { response in
                #expect(response.status == .forbidden)
                let text = String(buffer: response.body)
                #expect(text.contains("<h1>The form was refused</h1>"))
                #expect(text.contains("Its security token was not issued by this server (it was made elsewhere, or the page is from before the server restarted). Nothing was changed: reload the page and try again."))
                // The refusal page sets a token this process signed, so a reload recovers.
                let cookie = response.headers[.setCookie] ?? ""
                #expect(cookie.hasPrefix("\(CSRFGuard.cookieName)="))
                #expect(!cookie.hasPrefix("\(CSRFGuard.cookieName)=\(forged)"))
            }
        }
        #expect(try await service.fetch(id: created.id).version == 1)
    }
}

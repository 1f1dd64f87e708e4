import Testing
@testable import EligibilityServer

/// Where the FHIR server's token may go: `next` links on the server's own base only, and
/// patient ids that are FHIR ids. The queries themselves, against a FHIR server on
/// loopback, are in Tests/cdshooks (Python).
@Suite struct FHIRServerTests {
    @Test(arguments: [
        ("https://fhir.region.example/r4/Condition?patient=1&_page=2", true),
        ("https://FHIR.region.example:443/r4?_getpages=abc&_getpagesoffset=20", true),
        ("https://fhir.region.example/r4", true),
        ("http://fhir.region.example/r4/Condition?_page=2", false),
        ("https://fhir.region.example:8443/r4/Condition?_page=2", false),
        ("https://fhir.region.example.evil.example/r4/Condition", false),
        ("https://evil.example/r4/Condition?_page=2", false),
        ("https://fhir.region.example/r4x/Condition", false),
        ("https://fhir.region.example/other/Condition", false),
        ("https://fhir.region.example/r4/../admin", false),
        ("https://user:pw@fhir.region.example/r4/Condition", false),
        ("/r4/Condition?_page=2", false),
        ("not a url", false),
    ])
    func nextLinksAreFollowedOnTheServersBaseOnly(_ link: String, _ followed: Bool) {
        #expect(FHIRServerAddress.isUnder(link, base: "https://fhir.region.example/r4") == followed)
    }

    @Test func aLoopbackServerWithAPortKeepsItsPort() {
        #expect(FHIRServerAddress.isUnder("http://127.0.0.1:8081/fhir/Condition?page=2", base: "http://127.0.0.1:8081/fhir"))
        #expect(!FHIRServerAddress.isUnder("http://127.0.0.1:8082/fhir/Condition?page=2", base: "http://127.0.0.1:8081/fhir"))
        #expect(!FHIRServerAddress.isUnder("http://localhost:8081/fhir/Condition?page=2", base: "http://127.0.0.1:8081/fhir"))
    }

    @Test func onlyFHIRIdsAreQueried() {
        #expect(FHIRServerAccess.isFHIRId("dk-pt-1"))
        #expect(FHIRServerAccess.isFHIRId("1288992"))
        #expect(FHIRServerAccess.isFHIRId(String(repeating: "a", count: 64)))
        #expect(!FHIRServerAccess.isFHIRId(String(repeating: "a", count: 65)))
        #expect(!FHIRServerAccess.isFHIRId(""))
        #expect(!FHIRServerAccess.isFHIRId("../Practitioner/1"))
        #expect(!FHIRServerAccess.isFHIRId("1?_format=xml"))
        #expect(!FHIRServerAccess.isFHIRId("1%2F2"))
    }
}

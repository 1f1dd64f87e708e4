import EligibilityServer
import Hummingbird
import Testing

/// The media type a request's `Content-Type` names, as the JSON endpoints read it.
@Suite struct MediaTypeTests {
    @Test(arguments: [
        ("application/json", "application/json"),
        ("application/json; charset=utf-8", "application/json"),
        (" \tApplication/JSON ;charset=UTF-8", "application/json"),
        ("application/fhir+json", "application/fhir+json"),
        ("text/plain", "text/plain"),
        (";charset=utf-8", ""),
        ("  ", ""),
    ])
    func readsTheTypeWithoutParameters(header: String, type: String) {
        let fields: HTTPFields = [.contentType: header]
        #expect(fields.mediaType == type)
    }

    @Test func noHeaderIsNoType() {
        #expect(HTTPFields().mediaType == nil)
    }
}

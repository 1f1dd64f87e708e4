import Testing
@testable import EligibilityWorkspace

/// A case's JSON text: strings escaped as JSON needs, and `<` as well, so the text can sit
/// inside a page's script element.
@Suite struct JSONValueTests {
    @Test("strings and keys: quote, backslash, named and numbered controls, and <, escaped; the rest as it is")
    func escaping() throws {
        let value = JSONValue.object([("a<b\"", .string("x\"y\\z\n\r\t\u{1}\u{1F}</script>ø😀"))])
        #expect(value.text == #"{"a\u003cb\"":"x\"y\\z\n\r\t\u0001\u001f\u003c/script>ø😀"}"#)
        #expect(try JSONValue.parse(value.text, name: "test") == value)
    }
}

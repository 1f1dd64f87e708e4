import Testing
@testable import Eligibility

/// The byte-wise string escaping (fast) writes exactly what the scalar-wise one (readable) does.
@Suite("JSON writer")
struct JSONWriterTests {
    /// Scalars that exercise every branch: escapes by name, other controls, DEL, ASCII,
    /// two-, three- and four-byte UTF-8.
    static let alphabet: [Unicode.Scalar] = ["\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", " ", "a", "Z", "/",
                                             "æ", "ø", "å", "§", "€", "\u{2028}", "😀", "𝄞"]

    @Test("appendQuoted equals quote on generated strings")
    func fastEqualsReadable() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<200 {
            var text = String.UnicodeScalarView()
            for _ in 0..<length { text.append(Self.alphabet.randomElement(using: &generator) ?? "a") }
            let string = String(text)
            var bytes: [UInt8] = []
            JSONWriter.appendQuoted(string, to: &bytes)
            #expect(bytes == Array(JSONWriter.quote(string).utf8), "\(string.debugDescription)")
        }
    }

    @Test("a byte to escape is found at every place in and between eight-byte words")
    func everyPosition() {
        let specials: [Character] = ["\"", "\\", "\n", "\u{0}", "\u{1F}", "ø", "\u{7F}", " ", "😀"]
        for length in 1..<34 {
            for position in 0..<length {
                for special in specials {
                    var text = String(repeating: "abcdefgh", count: 5).prefix(length - 1)
                    text.insert(special, at: text.index(text.startIndex, offsetBy: position))
                    let string = String(text)
                    var bytes: [UInt8] = []
                    JSONWriter.appendQuoted(string, to: &bytes)
                    #expect(bytes == Array(JSONWriter.quote(string).utf8), "\(string.debugDescription)")
                }
            }
        }
    }

    @Test("a word is plain exactly when none of its eight bytes needs an escape")
    func wordTest() {
        var generator = SystemRandomNumberGenerator()
        let interesting: [UInt8] = [0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xFF]
        for _ in 0..<20_000 {
            let bytes = (0..<8).map { _ in Bool.random(using: &generator) ? interesting.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator) }
            let word = bytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            #expect(JSONWriter.mayNeedEscape(word) == bytes.contains(where: JSONWriter.needsEscape), "\(bytes)")
        }
    }

    @Test("escapes as JSON needs, whole")
    func escapes() {
        var bytes: [UInt8] = []
        JSONWriter.appendQuoted("a\"b\\c\nd\re\tf\u{1}g\u{7F}ø😀", to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\u{7F}ø😀\"")
    }

    @Test("pretty and compact output")
    func layout() {
        for pretty in [true, false] {
            var w = JSONWriter(pretty: pretty)
            w.object { w in
                w.key("a"); w.strings(["x", "y"])
                w.key("b"); w.object { w in w.key("n"); w.number(-3); w.key("t"); w.bool(true); w.key("z"); w.optional(nil) }
                w.key("c"); w.array { _ in }
            }
            #expect(w.text == (pretty
                ? "{\n  \"a\": [\n    \"x\",\n    \"y\"\n  ],\n  \"b\": {\n    \"n\": -3,\n    \"t\": true,\n    \"z\": null\n  },\n  \"c\": []\n}"
                : "{\"a\":[\"x\",\"y\"],\"b\":{\"n\":-3,\"t\":true,\"z\":null},\"c\":[]}"))
        }
    }

    @Test("a document over many pieces: the same bytes whole, piece by piece, and as a line")
    func pieces() {
        // Strings from a few bytes to one longer than the largest piece, some with escapes,
        // so that writes end exactly at, just before and far past a piece's end.
        var generator = SystemRandomNumberGenerator()
        var strings: [String] = []
        for length in [0, 1, 7, 8, 9, 4095, 4096, 4097, 20_000, JSONWriter.largestPiece + 3] {
            strings.append(String(repeating: "a", count: length))
            strings.append(String((0..<length).map { _ in "ab\"\n\\ø".randomElement(using: &generator)! }))
        }
        var w = JSONWriter()
        w.object { w in
            w.key("strings"); w.strings(strings)
            w.key("numbers"); w.array { w in for n in 0..<3000 { w.number(n) } }
        }
        var expected = "{\n  \"strings\": [\n"
        expected += strings.map { "    " + JSONWriter.quote($0) }.joined(separator: ",\n")
        expected += "\n  ],\n  \"numbers\": [\n"
        expected += (0..<3000).map { "    \($0)" }.joined(separator: ",\n")
        expected += "\n  ]\n}"
        #expect(w.text == expected)
        #expect(w.byteCount == expected.utf8.count)
        #expect(w.utf8Line == Array(expected.utf8) + [UInt8(ascii: "\n")])
        var joined: [UInt8] = []
        var pieces = 0
        w.forEachPiece { piece in
            joined += piece
            pieces += 1
        }
        #expect(joined == Array(expected.utf8))
        #expect(pieces > 5, "the document should span several pieces; it took \(pieces)")
    }

    @Test("nesting past 64 levels, where the writer keeps each level's state apart")
    func deepNesting() {
        for pretty in [true, false] {
            let depth = 100
            func write(_ level: Int, _ w: inout JSONWriter) {
                w.object { w in
                    w.key("level"); w.number(level)
                    if level < depth { w.key("inner"); w.array { w in w.string("a"); write(level + 1, &w); w.array { _ in } } }
                    w.key("after"); w.bool(level.isMultiple(of: 2))
                }
            }
            func expected(_ level: Int, _ indent: Int) -> String {
                let pad = { (n: Int) in pretty ? "\n" + String(repeating: "  ", count: n) : "" }
                var out = "{" + pad(indent + 1) + "\"level\":" + (pretty ? " " : "") + "\(level),"
                if level < depth {
                    out += pad(indent + 1) + "\"inner\":" + (pretty ? " " : "") + "[" + pad(indent + 2) + "\"a\","
                    out += pad(indent + 2) + expected(level + 1, indent + 2) + "," + pad(indent + 2) + "[]" + pad(indent + 1) + "],"
                }
                return out + pad(indent + 1) + "\"after\":" + (pretty ? " " : "") + "\(level.isMultiple(of: 2))" + pad(indent) + "}"
            }
            var w = JSONWriter(pretty: pretty)
            write(1, &w)
            #expect(w.text == expected(1, 0))
        }
    }
}

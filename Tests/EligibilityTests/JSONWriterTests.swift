import CJSONScan
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

    @Test("a byte to escape is found at every place in and between sixteen-byte blocks")
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

    @Test("the plain run ends at the first byte to escape, for every byte at every place of strings up to 47 bytes")
    func plainRun() {
        // Lengths around the scanner's cases: under 4 (byte by byte), 4-7 and 8-15 (two
        // overlapping words), 16 and more (blocks of sixteen, then the last sixteen).
        for length in 0..<48 {
            var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            #expect(bytes.withUnsafeBufferPointer { eligcheck_json_plain_run($0.baseAddress, length) } == length)
            for position in 0..<length {
                for value in UInt8.min...UInt8.max {
                    bytes[position] = value
                    // A second byte to escape after the first must not be the one found.
                    if position + 1 < length { bytes[length - 1] = UInt8(ascii: "\\") }
                    let expected = bytes.firstIndex(where: JSONWriter.needsEscape) ?? length
                    let found = bytes.withUnsafeBufferPointer { eligcheck_json_plain_run($0.baseAddress, length) }
                    if found != expected {
                        Issue.record("length \(length), byte \(value) at \(position): run of \(found), expected \(expected)")
                        return
                    }
                }
                bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            }
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

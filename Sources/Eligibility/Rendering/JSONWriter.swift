/// Writes JSON with keys in the order given, so output is stable and diffable.
///
/// The text is built as UTF-8 bytes: strings are escaped by copying the runs of bytes
/// that need no escape whole (``appendQuoted(_:to:)``), the fast form of the readable
/// ``quote(_:)`` beside it. A test holds the two equal on generated strings.
package struct JSONWriter {
    private var bytes: [UInt8] = []
    private var indent: Int
    private let pretty: Bool
    private var needsComma: [Bool] = [false]
    private var suppressNext = false

    package init(pretty: Bool = true) {
        self.pretty = pretty
        self.indent = 0
        bytes.reserveCapacity(4096)
    }

    /// The JSON written so far.
    package var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The JSON written so far as UTF-8 bytes, for callers that send bytes (no second
    /// pass over the text to make a String).
    package var utf8: [UInt8] { bytes }

    /// The readable form: a JSON string literal, escaping quote, backslash and control
    /// characters (`\n`, `\r`, `\t` by name, the others as `\u00XX`).
    package static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// The fast form of ``quote(_:)``: appends the literal's UTF-8 bytes. Every byte of a
    /// multi-byte UTF-8 sequence is 0x80 or above, so escaping byte by byte gives the same
    /// text as escaping scalar by scalar. Eight bytes at a time are tested at once
    /// (``mayNeedEscape(_:)``); only a word that holds a byte to escape is looked at byte by byte.
    /// - Complexity: O(n) in the string's UTF-8 length, one copy per run of plain bytes.
    package static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Native strings (all of them here) lend their bytes without a copy of the string.
        let lent: Void? = s.utf8.withContiguousStorageIfAvailable { utf8 in appendEscaped(utf8, to: &out) }
        if lent == nil {
            var copy = s
            copy.withUTF8 { appendEscaped($0, to: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The bytes of a string literal's content, escaped, run by run.
    private static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard let base = utf8.baseAddress else { return }
        let count = utf8.count
        var runStart = 0
        var i = 0
        while i < count {
            // A word of eight plain bytes is skipped whole; any other is read byte by byte.
            // A last, short word is tested as the string's last eight bytes (a byte before
            // `i` that matches only sends it to the byte-by-byte test, which starts at `i`),
            // or, in a string shorter than eight, padded with plain bytes.
            let end = min(i + 8, count)
            var word = 0x4141_4141_4141_4141 as UInt64
            if count >= 8 {
                word = UnsafeRawPointer(base + end - 8).loadUnaligned(as: UInt64.self)
            } else {
                withUnsafeMutableBytes(of: &word) { $0.copyMemory(from: UnsafeRawBufferPointer(start: base, count: count)) }
            }
            if mayNeedEscape(word) {
                for j in i..<end where needsEscape(base[j]) {
                    if runStart < j { out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: j - runStart)) }
                    appendEscape(base[j], to: &out)
                    runStart = j + 1
                }
            }
            i = end
        }
        if runStart < count { out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count - runStart)) }
    }

    /// A byte JSON does not allow bare in a string: a control character, `"` or `\`.
    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether any of the eight bytes of `word` ``needsEscape(_:)``: false means none does
    /// (exact: the borrow of the subtraction only reaches a higher byte from a byte that
    /// matched). Bytes of 0x80 and above never match, so UTF-8 sequences pass.
    @inline(__always)
    static func mayNeedEscape(_ word: UInt64) -> Bool {
        func hasZeroByte(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highBits }
        let control = (word &- ones &* 0x20) & ~word & highBits
        let quote = hasZeroByte(word ^ (ones &* UInt64(UInt8(ascii: "\""))))
        let backslash = hasZeroByte(word ^ (ones &* UInt64(UInt8(ascii: "\\"))))
        return control | quote | backslash != 0
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendEscape(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
        case UInt8(ascii: "\n"): out.append(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"): out.append(UInt8(ascii: "r"))
        case UInt8(ascii: "\t"): out.append(UInt8(ascii: "t"))
        default:
            out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                    hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]])
        }
    }

    private mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        let width = 2 * indent
        if width <= JSONWriter.spaces.count {
            bytes.append(contentsOf: JSONWriter.spaces[..<width])
        } else {
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: width))
        }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
        if pretty && indent > 0 { newline() }
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        indent += 1
        needsComma.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        let had = needsComma.removeLast()
        indent -= 1
        if pretty && had { newline() }
        bytes.append(bracket)
    }

    private mutating func valuePrefix() {
        if suppressNext { suppressNext = false } else { separate() }
    }

    private mutating func append(_ ascii: StaticString) {
        ascii.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    package mutating func key(_ k: String) {
        separate()
        JSONWriter.appendQuoted(k, to: &bytes)
        if pretty { append(": ") } else { bytes.append(UInt8(ascii: ":")) }
        needsComma[needsComma.count - 1] = true
        suppressNext = true
    }

    package mutating func string(_ s: String) { valuePrefix(); JSONWriter.appendQuoted(s, to: &bytes) }
    package mutating func optional(_ s: String?) { if let s { string(s) } else { valuePrefix(); append("null") } }
    package mutating func number(_ n: Int) { valuePrefix(); bytes.append(contentsOf: String(n).utf8) }
    package mutating func bool(_ b: Bool) { valuePrefix(); if b { append("true") } else { append("false") } }
    package mutating func strings(_ list: [String]) {
        array { w in for s in list { w.string(s) } }
    }
    package mutating func object(_ body: (inout JSONWriter) -> Void) {
        valuePrefix()
        open(UInt8(ascii: "{"))
        body(&self)
        close(UInt8(ascii: "}"))
    }
    package mutating func array(_ body: (inout JSONWriter) -> Void) {
        valuePrefix()
        open(UInt8(ascii: "["))
        body(&self)
        close(UInt8(ascii: "]"))
    }
}

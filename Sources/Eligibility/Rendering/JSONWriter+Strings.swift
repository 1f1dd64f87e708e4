/// JSON strings: the readable ``JSONWriter/quote(_:)`` and the fast path the writer uses,
/// which copies the runs of bytes that need no escape whole, sixteen and then eight bytes
/// tested at a time (``JSONWriter/appendQuoted(_:to:)`` gives it to callers that build
/// bytes themselves). A test holds the two equal on generated strings.
extension JSONWriter {
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

    /// The fast form of ``quote(_:)``, for callers that build bytes themselves.
    package static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        var w = JSONWriter(pretty: false)
        w.quoted(s)
        out += w.utf8
    }

    /// A JSON string literal: every byte of a multi-byte UTF-8 sequence is 0x80 or above,
    /// so escaping byte by byte gives the same text as escaping scalar by scalar.
    mutating func quoted(_ s: String) {
        put(UInt8(ascii: "\""))
        // Native strings (all of them here) lend their bytes without a copy of the string.
        let lent: Void? = s.utf8.withContiguousStorageIfAvailable { escaped($0) }
        if lent == nil {
            var copy = s
            copy.withUTF8 { escaped($0) }
        }
        put(UInt8(ascii: "\""))
    }

    /// The bytes of a string literal's content, escaped, run by run.
    /// - Complexity: O(n) in the string's UTF-8 length, one copy per run of plain bytes.
    private mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let base = utf8.baseAddress else { return }
        let length = utf8.count
        var runStart = 0
        var i = 0
        // Sixteen bytes at a time while sixteen remain, then eight, then the last few:
        // a block with no byte to escape is skipped whole; any other is read byte by byte.
        while i + 16 <= length {
            let raw = UnsafeRawPointer(base + i)
            if Self.mayNeedEscape(raw.loadUnaligned(as: UInt64.self)) || Self.mayNeedEscape(raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) {
                escapeEach(in: i..<i + 16, of: base, runStart: &runStart)
            }
            i += 16
        }
        while i < length {
            // A last, short word is tested as the string's last eight bytes (a byte before
            // `i` that matches only sends it to the byte-by-byte test, which starts at `i`),
            // or, in a string shorter than eight, padded with plain bytes.
            let end = min(i + 8, length)
            var word = 0x4141_4141_4141_4141 as UInt64
            if length >= 8 {
                word = UnsafeRawPointer(base + end - 8).loadUnaligned(as: UInt64.self)
            } else {
                withUnsafeMutableBytes(of: &word) { $0.copyMemory(from: UnsafeRawBufferPointer(start: base, count: length)) }
            }
            if Self.mayNeedEscape(word) { escapeEach(in: i..<end, of: base, runStart: &runStart) }
            i = end
        }
        if runStart < length { put(base + runStart, length - runStart) }
    }

    /// Writes, for each byte of `block` that needs an escape, the plain run before it (from
    /// `runStart`) and then its escape; `runStart` moves past it.
    @inline(__always)
    private mutating func escapeEach(in block: Range<Int>, of base: UnsafePointer<UInt8>, runStart: inout Int) {
        for j in block where Self.needsEscape(base[j]) {
            if runStart < j { put(base + runStart, j - runStart) }
            escape(base[j])
            runStart = j + 1
        }
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

    private mutating func escape(_ byte: UInt8) {
        put(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): put(byte)
        case UInt8(ascii: "\n"): put(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"): put(UInt8(ascii: "r"))
        case UInt8(ascii: "\t"): put(UInt8(ascii: "t"))
        default:
            let hex: StaticString = "0123456789abcdef"
            put("u00")
            put(hex.utf8Start[Int(byte >> 4)])
            put(hex.utf8Start[Int(byte & 0xF)])
        }
    }
}

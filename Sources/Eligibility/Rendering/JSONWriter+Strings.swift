import CJSONScan

/// JSON strings: the readable ``JSONWriter/quote(_:)`` and the fast path the writer uses,
/// which copies the runs of bytes that need no escape whole, found sixteen bytes at a time
/// (``JSONWriter/appendQuoted(_:to:)`` gives it to callers that build bytes themselves).
/// A test holds the two equal on generated strings.
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
        // Native strings (all of them here) lend their bytes without a copy of the string.
        let lent: Void? = s.utf8.withContiguousStorageIfAvailable { quoted($0) }
        if lent == nil {
            var copy = s
            copy.withUTF8 { quoted($0) }
        }
    }

    /// The string literal of `utf8`: a string with nothing to escape (most) is written
    /// with its quotes in one reservation and one copy; any other run by run.
    private mutating func quoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        let length = utf8.count
        guard let base = utf8.baseAddress else {
            put("\"\"")
            return
        }
        let plain = eligcheck_json_plain_run(base, length)
        if plain == length {
            putQuoted(base, length)
            return
        }
        put(UInt8(ascii: "\""))
        escaped(base, length, plainUpTo: plain)
        put(UInt8(ascii: "\""))
    }

    /// The bytes of a string literal's content, escaped, run by run: each run of plain
    /// bytes is found by `eligcheck_json_plain_run` (C, sixteen bytes tested at once with
    /// SSE2) and copied whole; the first run, `0..<plainUpTo`, is known already.
    /// - Complexity: O(n) in the string's UTF-8 length, one copy per run of plain bytes.
    private mutating func escaped(_ base: UnsafePointer<UInt8>, _ length: Int, plainUpTo first: Int) {
        if first > 0 { put(base, first) }
        escape(base[first])
        var runStart = first + 1
        while true {
            let runEnd = runStart + eligcheck_json_plain_run(base + runStart, length - runStart)
            if runStart < runEnd { put(base + runStart, runEnd - runStart) }
            if runEnd == length { return }
            escape(base[runEnd])
            runStart = runEnd + 1
        }
    }

    /// A byte JSON does not allow bare in a string: a control character, `"` or `\`.
    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
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

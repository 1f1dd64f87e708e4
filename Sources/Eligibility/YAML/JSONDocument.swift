/// Reads one JSON document into the same node tree as YAML, with 1-based positions, so
/// a JSON patient file gets the same checks and messages as a YAML one.
public enum JSONDocument: Sendable {
    /// - Throws: a diagnostic naming the line and column, what was expected and what was found.
    public static func parse(_ source: SourceText, limits: YAMLLimits = .standard) throws(Diagnostic) -> YAMLNode {
        guard source.bytes.count <= limits.maxBytes else {
            var problem = source.diagnostic("file is \(source.bytes.count) bytes; at most \(limits.maxBytes) are accepted", at: nil)
            problem.isBeyondLimits = true
            throw problem
        }
        // A byte-order mark (some Windows editors write one) is not part of the document.
        let start = source.bytes.starts(with: UTF8Text.byteOrderMark) ? UTF8Text.byteOrderMark.count : 0
        if let bad = UTF8Text.firstInvalidByte(source.bytes, from: start) {
            throw source.diagnostic("JSON: expected UTF-8 text, found byte 0x\(String(source.bytes[bad], radix: 16, uppercase: true)), which is not UTF-8",
                                    at: UTF8Text.location(of: bad, in: source.bytes, lineStart: start))
        }
        var reader = JSONReader(bytes: source.bytes, source: source, maxDepth: limits.maxDepth, maxKeys: limits.maxKeys, start: start)
        reader.skipSpace()
        let node = try reader.value(depth: 1)
        reader.skipSpace()
        guard reader.atEnd else { throw reader.failure("expected the end of the document") }
        return node
    }
}

struct JSONReader {
    let bytes: [UInt8]
    let source: SourceText
    let maxDepth: Int
    let maxKeys: Int
    private var index = 0
    private var line = 1
    private var lineStart = 0

    /// - Parameter start: where the document starts (after a byte-order mark); columns count from there.
    init(bytes: [UInt8], source: SourceText, maxDepth: Int, maxKeys: Int = .max, start: Int = 0) {
        self.bytes = bytes
        self.source = source
        self.maxDepth = maxDepth
        self.maxKeys = maxKeys
        index = start
        lineStart = start
    }

    var atEnd: Bool { index >= bytes.count }
    var location: SourceLocation { SourceLocation(line: line, column: index - lineStart + 1) }

    func failure(_ expected: String) -> Diagnostic {
        let found: String
        if atEnd {
            found = "the end of the input"
        } else {
            let byte = bytes[index]
            found = byte >= 32 && byte < 127 ? "'\(Character(Unicode.Scalar(byte)))'" : "byte \(byte)"
        }
        return source.diagnostic("JSON: \(expected), found \(found)", at: location)
    }

    mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\n"):
                index += 1
                line += 1
                lineStart = index
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            default:
                return
            }
        }
    }

    mutating func value(depth: Int) throws(Diagnostic) -> YAMLNode {
        guard depth <= maxDepth else {
            var problem = source.diagnostic("nesting is deeper than \(maxDepth) levels", at: location)
            problem.isBeyondLimits = true
            throw problem
        }
        let start = location
        guard !atEnd else { throw failure("expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var pairs: [YAMLPair] = []
            // Keys seen so far: the pairs themselves while an object is small, a dictionary
            // once it grows (so a huge object costs no more than linear time).
            var seen: [String: SourceLocation]?
            skipSpace()
            if !atEnd, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return YAMLNode(.mapping([]), at: start)
            }
            while true {
                skipSpace()
                let keyLocation = location
                guard !atEnd, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a quoted key") }
                guard pairs.count < maxKeys else {
                    var problem = source.diagnostic("an object may have at most \(maxKeys) keys; this is key \(maxKeys + 1)", at: keyLocation)
                    problem.isBeyondLimits = true
                    throw problem
                }
                let key = try string()
                if let first = Self.earlier(key, in: pairs, index: &seen) {
                    throw source.diagnostic("duplicate key '\(key)' (first at line \(first.line))", at: keyLocation)
                }
                seen?[key] = keyLocation
                skipSpace()
                guard !atEnd, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':' after the key") }
                index += 1
                skipSpace()
                let item = try value(depth: depth + 1)
                pairs.append(YAMLPair(key: YAMLNode(.scalar(YAMLScalar(text: key, isPlain: false)), at: keyLocation), value: item))
                skipSpace()
                guard !atEnd else { throw failure("expected ',' or '}'") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; break }
                throw failure("expected ',' or '}'")
            }
            return YAMLNode(.mapping(pairs), at: start)
        case UInt8(ascii: "["):
            index += 1
            var items: [YAMLNode] = []
            skipSpace()
            if !atEnd, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return YAMLNode(.sequence([]), at: start)
            }
            while true {
                skipSpace()
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard !atEnd else { throw failure("expected ',' or ']'") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; break }
                throw failure("expected ',' or ']'")
            }
            return YAMLNode(.sequence(items), at: start)
        case UInt8(ascii: "\""):
            return YAMLNode(.scalar(YAMLScalar(text: try string(), isPlain: false)), at: start)
        default:
            let begin = index
            while index < bytes.count, Self.isBareByte(bytes[index]) { index += 1 }
            let word = String(decoding: bytes[begin..<index], as: UTF8.self)
            switch CoreValue.resolve(plain: word) {
            case .null where word == "null", .bool where word == "true" || word == "false", .integer, .float:
                return YAMLNode(.scalar(YAMLScalar(text: word, isPlain: true)), at: start)
            default:
                index = begin
                throw failure("expected a value (object, list, text in double quotes, number, true, false or null)")
            }
        }
    }

    /// Where `key` was written before in an object, if it was. Past 16 keys the pairs are
    /// indexed once in `index`, which the caller keeps up to date from then on.
    private static func earlier(_ key: String, in pairs: [YAMLPair], index: inout [String: SourceLocation]?) -> SourceLocation? {
        if let index { return index[key] }
        if pairs.count >= 16 {
            var built: [String: SourceLocation] = [:]
            for pair in pairs { if let text = pair.key.scalar?.text { built[text] = pair.key.location } }
            index = built
            return built[key]
        }
        return pairs.first { $0.key.scalar?.text == key }?.key.location
    }

    private static func isBareByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
    }

    private mutating func string() throws(Diagnostic) -> String {
        index += 1
        // Most text has no escape: it is taken from the input as it is.
        var end = index
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 32 { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            let text = String(decoding: bytes[index..<end], as: UTF8.self)
            index = end + 1
            return text
        }
        var out = Array(bytes[index..<end])
        index = end
        while true {
            guard !atEnd else { throw failure("expected the closing '\"' of a text") }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard !atEnd else { throw failure("expected an escape") }
                let escaped = bytes[index]
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "b"): out.append(8)
                case UInt8(ascii: "f"): out.append(12)
                case UInt8(ascii: "u"):
                    out.append(contentsOf: Array(String(Character(try unicodeEscape())).utf8))
                default:
                    index -= 1
                    throw failure("expected an escape (\\\" \\\\ \\/ \\n \\t \\r \\b \\f \\u)")
                }
            case 0..<32:
                throw failure("expected a character of text (control characters must be escaped)")
            default:
                out.append(byte)
                index += 1
            }
        }
    }

    /// The character of a `\uXXXX` escape whose `u` was just read: a high surrogate must
    /// be followed by an escaped low surrogate (the two are one character); a surrogate
    /// alone is no character.
    private mutating func unicodeEscape() throws(Diagnostic) -> Unicode.Scalar {
        let start = location
        let scalar = try hex4()
        func hex(_ value: UInt32) -> String {
            let digits = String(value, radix: 16, uppercase: true)
            return "\\u" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        }
        if (0xDC00..<0xE000).contains(scalar) {
            throw source.diagnostic("JSON: expected a character escape, found \(hex(scalar)), a low surrogate without a high one before it",
                                    at: SourceLocation(line: start.line, column: start.column - 2))
        }
        guard (0xD800..<0xDC00).contains(scalar) else {
            // Every other value of four hex digits is a character.
            return Unicode.Scalar(scalar) ?? "\u{FFFD}"
        }
        let next = location
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
            throw failure("expected a low surrogate (\\uDC00 to \\uDFFF) after \(hex(scalar))")
        }
        index += 2
        let low = try hex4()
        guard (0xDC00..<0xE000).contains(low), let pair = Unicode.Scalar(0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)) else {
            throw source.diagnostic("JSON: expected a low surrogate (\\uDC00 to \\uDFFF) after \(hex(scalar)), found \(hex(low))", at: next)
        }
        return pair
    }

    private mutating func hex4() throws(Diagnostic) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("expected four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 48...57: digit = UInt32(byte - 48)
            case 65...70: digit = UInt32(byte - 55)
            case 97...102: digit = UInt32(byte - 87)
            default: throw failure("expected a hex digit")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }
}

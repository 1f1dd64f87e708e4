/// ICD-10 codes read one way everywhere: in rule ranges, in patient files and in cohort
/// lines (the cohort engine reads the bytes of a line through the same `scan`). A code is
/// an ASCII letter and two digits, then letters and digits; case, dots and spaces do not
/// count, so `f32.1`, `F32.1` and `F 32.1` are one code.
enum ICD10Code {
    /// Calls `take` with each character of the code as it is compared (upper case, no
    /// dots or spaces) and its position. Returns the number of characters, or nil when
    /// the text is not a code.
    @inline(__always)
    static func scan(_ bytes: some Sequence<UInt8>, _ take: (_ byte: UInt8, _ position: Int) -> Void) -> Int? {
        var count = 0
        for var byte in bytes {
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: " ") { continue }
            if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { byte -= 32 }
            let isLetter = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            guard isLetter || isDigit else { return nil }
            if count == 0 && !isLetter { return nil }
            if (count == 1 || count == 2) && !isDigit { return nil }
            take(byte, count)
            count += 1
        }
        return count >= 3 ? count : nil
    }

    /// The code as it is compared (`F321` for `f32.1`), or nil when the text is not a code.
    static func normalize(_ text: some StringProtocol) -> String? {
        var characters: [UInt8] = []
        guard scan(text.utf8, { byte, _ in characters.append(byte) }) != nil else { return nil }
        return String(decoding: characters, as: UTF8.self)
    }

    /// The code's first eight characters packed so that comparing the integers compares
    /// the codes as text; 0 when the text is not a code.
    @inline(__always)
    static func pack(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var packed: UInt64 = 0
        let count = scan(bytes) { byte, position in
            if position < 8 { packed |= UInt64(byte) << UInt64(56 - 8 * position) }
        }
        return count == nil ? 0 : packed
    }
}

/// A range of ICD-10 codes packed for comparison (see `ICD10Code.pack`): a code lies in
/// it when it is at least `low` and at most `high`, or begins with `high`.
struct PackedICD10Range: Sendable, Hashable {
    var low: UInt64
    var high: UInt64
    /// The bytes `high` uses (its first `min(8, length)` characters).
    var highMask: UInt64

    init(_ range: ICD10Range) {
        low = ICD10Code.pack(range.low.utf8)
        high = ICD10Code.pack(range.high.utf8)
        let bytes = UInt64(min(8, range.high.utf8.count))
        highMask = bytes >= 8 ? ~0 : ~(~UInt64(0) >> (8 * bytes))
    }

    @inline(__always)
    func contains(_ code: UInt64) -> Bool {
        code != 0 && code >= low && (code <= high || (code & highMask) == high)
    }
}

extension ICD10Code {
    /// The code's compact form (`F321`), first eight characters, packed into an integer
    /// so that comparing integers compares codes as text: how both evaluators compare a
    /// patient's code with rule ranges.
    var packed: UInt64 { Self.pack(compact: compact.utf8) }

    /// The packed code of any text, 0 when it is not a code: text already in canonical form
    /// (most codes, and every text without a digit) without the full reader.
    static func packedCode(of text: String) -> UInt64 {
        packedIfPlain(text.utf8) ?? ICD10Code(text)?.packed ?? 0
    }

    /// Packs the characters of a compact code (at most the first eight count).
    static func pack(compact: some Sequence<UInt8>) -> UInt64 {
        var packed: UInt64 = 0
        for (position, byte) in compact.prefix(8).enumerated() { packed |= UInt64(byte) << UInt64(56 - 8 * position) }
        return packed
    }

    /// The packed code of text already in canonical form (`F32`, `F32.1`: what
    /// `ICD10Code(parsing:)` gives back unchanged), so that a fast reader can take it
    /// without the full reader; 0 for text without a digit (never a code); nil for
    /// anything else, which only the full reader (`init(parsing:)`) may judge.
    @inline(__always)
    static func packedIfPlain(_ bytes: some Collection<UInt8>) -> UInt64? {
        var packed: UInt64 = 0
        var position = 0
        var index = 0
        var hasDigit = false
        var canonical = true
        var subcategory = -1
        for byte in bytes {
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            let isUpper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
            hasDigit = hasDigit || isDigit
            switch index {
            case 0: canonical = canonical && isUpper
            case 1, 2: canonical = canonical && isDigit
            case 3: canonical = canonical && byte == UInt8(ascii: ".")
            default: canonical = canonical && (isDigit || isUpper)
            }
            if index == 3 { subcategory = 0 } else if index > 3 { subcategory += 1 }
            if byte != UInt8(ascii: ".") {
                if position < 8 { packed |= UInt64(byte) << UInt64(56 - 8 * position) }
                position += 1
            }
            index += 1
        }
        if canonical && index >= 3 && subcategory != 0 && subcategory <= maxSubcategory { return packed }
        return hasDigit ? nil : 0
    }
}

/// A range of ICD-10 codes packed for comparison (see `ICD10Code.packed`): a code lies in
/// it when it is at least `low` and at most `high`, or begins with `high`.
struct PackedICD10Range: Sendable, Hashable {
    var low: UInt64
    var high: UInt64
    /// The bytes `high` uses (its first `min(8, length)` characters).
    var highMask: UInt64

    init(_ range: ICD10Range) {
        low = ICD10Code.pack(compact: range.low.utf8)
        high = ICD10Code.pack(compact: range.high.utf8)
        let bytes = UInt64(min(8, range.high.utf8.count))
        highMask = bytes >= 8 ? ~0 : ~(~UInt64(0) >> (8 * bytes))
    }

    @inline(__always)
    func contains(_ code: UInt64) -> Bool {
        code != 0 && code >= low && (code <= high || (code & highMask) == high)
    }
}

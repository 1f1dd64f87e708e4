extension CohortLineParser {
    /// A position in a line being read, and the small steps of reading JSON there.
    struct Cursor {
        let base: UnsafePointer<UInt8>
        var i: Int
        let end: Int

        @inline(__always) mutating func skipSpace() {
            while i < end, base[i] == 32 || base[i] == 9 || base[i] == 13 { i += 1 }
        }

        @inline(__always) mutating func take(_ byte: UInt8) -> Bool {
            guard i < end, base[i] == byte else { return false }
            i += 1
            return true
        }

        @inline(__always) var peek: UInt8 { i < end ? base[i] : 0 }

        /// A quoted string of printable ASCII without escapes: the range of its bytes
        /// (anything else is left to the exact reader, which checks UTF-8 and escapes).
        @inline(__always) mutating func string() -> (Int, Int)? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let s = i
            while i < end {
                let b = base[i]
                if b == UInt8(ascii: "\"") { i += 1; return (s, i - 1) }
                if b == UInt8(ascii: "\\") || b < 32 || b >= 128 { return nil }
                i += 1
            }
            return nil
        }

        /// A quoted string of printable ASCII without escapes, hashed as it is scanned (as `ByteTable.hash`).
        @inline(__always) mutating func hashedString() -> (Int, Int, UInt64)? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let s = i
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            while i < end {
                let b = base[i]
                if b == UInt8(ascii: "\"") { i += 1; return (s, i - 1, h) }
                if b == UInt8(ascii: "\\") || b < 32 || b >= 128 { return nil }
                h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3
                i += 1
            }
            return nil
        }

        @inline(__always) mutating func word(_ text: StaticString) -> Bool {
            let n = text.utf8CodeUnitCount
            guard i + n <= end else { return false }
            let p = text.utf8Start
            for k in 0..<n where base[i + k] != p[k] { return false }
            i += n
            return true
        }

        /// An integer or a decimal number without exponent, written without a leading `+`
        /// or leading zeros (the exact reader refuses those, and words why).
        @inline(__always) mutating func number(integerOnly: Bool) -> Double? {
            var negative = false
            if peek == UInt8(ascii: "-") { negative = true; i += 1 }
            let leadsWithZero = peek == UInt8(ascii: "0")
            var mantissa: Int64 = 0
            var digits = 0
            while i < end, base[i] >= 48, base[i] <= 57 {
                mantissa = mantissa &* 10 &+ Int64(base[i] - 48)
                digits += 1
                i += 1
            }
            guard digits > 0, digits < 16, !(leadsWithZero && digits > 1) else { return nil }
            var scale = 1.0
            if peek == UInt8(ascii: ".") {
                if integerOnly { return nil }
                i += 1
                var fraction = 0
                while i < end, base[i] >= 48, base[i] <= 57 {
                    mantissa = mantissa &* 10 &+ Int64(base[i] - 48)
                    scale *= 10
                    fraction += 1
                    i += 1
                }
                guard fraction > 0, digits + fraction < 16 else { return nil }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") { return nil }
            let value = Double(mantissa) / scale
            return negative ? -value : value
        }
    }
}

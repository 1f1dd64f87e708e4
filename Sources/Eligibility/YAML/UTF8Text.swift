/// Checks on the bytes of a file that must be UTF-8 text.
enum UTF8Text {
    /// The UTF-8 byte-order mark, which some editors write at the start of a file.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The offset of the first byte that does not begin or continue a valid UTF-8
    /// character, or nil when all of `bytes[from...]` is UTF-8.
    static func firstInvalidByte(_ bytes: [UInt8], from start: Int = 0) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes[start...].makeIterator()
        var offset = start
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// The 1-based line and column (in bytes) of an offset; `lineStart` is where the
    /// first line's columns count from.
    static func location(of offset: Int, in bytes: [UInt8], lineStart: Int = 0) -> SourceLocation {
        var line = 1
        var start = lineStart
        for i in lineStart..<offset where bytes[i] == UInt8(ascii: "\n") {
            line += 1
            start = i + 1
        }
        return SourceLocation(line: line, column: offset - start + 1)
    }
}

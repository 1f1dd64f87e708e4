/// Checks on the bytes of a file that must be UTF-8 text.
enum UTF8Text {
    /// The UTF-8 byte-order mark, which some editors write at the start of a file.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The offset of the first byte that does not begin or continue a valid UTF-8
    /// character, or nil when all of `bytes[from...]` is UTF-8.
    static func firstInvalidByte(_ bytes: [UInt8], from start: Int = 0) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            var offset = start
            let count = buffer.count
            while offset < count {
                // ASCII, the most of every file here, eight bytes at a time.
                if offset + 8 <= count,
                   UnsafeRawPointer(buffer.baseAddress! + offset).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    offset += 8
                    continue
                }
                if buffer[offset] < 0x80 {
                    offset += 1
                    continue
                }
                var parser = Unicode.UTF8.ForwardParser()
                var iterator = buffer[offset...].makeIterator()
                guard case .valid(let encoded) = parser.parseScalar(from: &iterator) else { return offset }
                offset += encoded.count
            }
            return nil
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

import Foundation

/// An open-addressing table from byte strings to small integers: key names and text
/// values of cohort lines are looked up without building Strings.
struct ByteTable: Sendable {
    /// Per slot: hash, value, and where its key lies in `keyBytes` (-1 start when empty).
    private var hashes: [UInt64]
    private var values: [Int32]
    private var keyStart: [Int32]
    private var keyLength: [Int32]
    private var keyBytes: [UInt8]
    private let mask: Int

    init(_ entries: [(String, Int32)]) {
        var size = 16
        while size < entries.count * 4 { size *= 2 }
        mask = size - 1
        hashes = Array(repeating: 0, count: size)
        values = Array(repeating: -1, count: size)
        keyStart = Array(repeating: -1, count: size)
        keyLength = Array(repeating: 0, count: size)
        keyBytes = []
        for (key, value) in entries {
            let bytes = Array(key.utf8)
            let h = ByteTable.hash(bytes[...])
            var i = Int(truncatingIfNeeded: h) & mask
            while keyStart[i] >= 0 && Array(keyBytes[Int(keyStart[i])..<Int(keyStart[i] + keyLength[i])]) != bytes {
                i = (i + 1) & mask
            }
            if keyStart[i] < 0 {
                keyStart[i] = Int32(keyBytes.count)
                keyLength[i] = Int32(bytes.count)
                keyBytes.append(contentsOf: bytes)
            }
            hashes[i] = h
            values[i] = value
        }
    }

    @inline(__always)
    static func hash(_ bytes: ArraySlice<UInt8>, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var h = seed
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }

    @inline(__always)
    static func hash(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var h = seed
        var i = start
        while i < end { h = (h ^ UInt64(base[i])) &* 0x0000_0100_0000_01b3; i += 1 }
        return h
    }

    /// The value of the key whose bytes are `base[start..<end]` and whose hash is `h`, or -1 when absent.
    @inline(__always)
    func lookup(_ h: UInt64, _ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int32 {
        let length = Int32(end - start)
        return hashes.withUnsafeBufferPointer { hashes in
            keyStart.withUnsafeBufferPointer { keyStart in
                var i = Int(truncatingIfNeeded: h) & mask
                while keyStart[i] >= 0 {
                    if hashes[i] == h && keyLength[i] == length {
                        let same = keyBytes.withUnsafeBufferPointer { bytes in
                            bytes.baseAddress.map { memcmp($0 + Int(keyStart[i]), base + start, Int(length)) == 0 } ?? false
                        }
                        if same { return values[i] }
                    }
                    i = (i + 1) & mask
                }
                return -1
            }
        }
    }
}

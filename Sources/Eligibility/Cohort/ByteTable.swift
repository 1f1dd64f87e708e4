/// An open-addressing table from byte strings to small integers: key names and text
/// values of cohort lines are looked up without building Strings.
struct ByteTable: Sendable {
    private var hashes: [UInt64]
    private var values: [Int32]
    private var keys: [[UInt8]]
    private var occupied: [Bool]
    private let mask: Int

    init(_ entries: [(String, Int32)]) {
        var size = 16
        while size < entries.count * 4 { size *= 2 }
        mask = size - 1
        hashes = Array(repeating: 0, count: size)
        values = Array(repeating: -1, count: size)
        keys = Array(repeating: [], count: size)
        occupied = Array(repeating: false, count: size)
        for (key, value) in entries {
            let bytes = Array(key.utf8)
            let h = ByteTable.hash(bytes[...])
            var i = Int(truncatingIfNeeded: h) & mask
            while occupied[i] && keys[i] != bytes { i = (i + 1) & mask }
            occupied[i] = true
            hashes[i] = h
            values[i] = value
            keys[i] = bytes
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
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            if !occupied[i] { return -1 }
            let v = values[i]
            if hashes[i] == h {
                let key = keys[i]
                if key.count == end - start {
                    var same = true
                    key.withUnsafeBufferPointer { k in
                        for j in 0..<k.count where k[j] != base[start + j] { same = false; break }
                    }
                    if same { return v }
                }
            }
            i = (i + 1) & mask
        }
    }
}

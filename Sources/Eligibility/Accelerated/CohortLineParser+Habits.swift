extension CohortLineParser {
    /// A key expected at a place of a line: everything needed to check it and use it in
    /// one cache line (see `keyPattern`).
    struct ExpectedKey {
        var pattern: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var mask: (UInt64, UInt64, UInt64) = (0, 0, 0)
        /// The key's length with its quotes, or 0 when it is too long for the pattern.
        var quoted = 0
        /// The key (an index into `keyEntry`) and what it stands for.
        var key: Int32 = 0
        var entry: Int32 = 0
    }

    /// What one worker's parser remembers from earlier lines. Lines of one cohort usually
    /// repeat their key order, so a key is first checked against the one expected at its
    /// place (per object level) before it is hashed and looked up; and they repeat dates
    /// (the evaluation date above all), so a date is first looked up by its ten bytes.
    struct LineHabits {
        /// Per key (an index into `keyEntry`): the number of the last line it was seen on,
        /// so that a key seen twice on one line is noticed.
        private let seenOnLine: WorkerTable<UInt32>
        private var line: UInt32 = 0
        /// The keys expected at each place of each object level: level l's places are
        /// `expected.pointer[placeStart[l] ..< placeStart[l] + expectedCount[l]]`.
        let expected: WorkerTable<ExpectedKey>
        let expectedCount: WorkerTable<Int32>
        /// A direct-mapped table of dates: the first eight bytes, the last two, the day
        /// (`Int32.min`: an empty row).
        private var dateHead: [UInt64]
        private var dateTail: [UInt16]
        private var dateDay: [Int32]
        private static let dateRows = 256

        init(places: Int, levels: Int, keys: Int) {
            seenOnLine = WorkerTable(repeating: 0, count: keys)
            expected = WorkerTable(repeating: ExpectedKey(), count: places)
            expectedCount = WorkerTable(repeating: 0, count: levels)
            dateHead = Array(repeating: 0, count: Self.dateRows)
            dateTail = Array(repeating: 0, count: Self.dateRows)
            dateDay = Array(repeating: .min, count: Self.dateRows)
        }

        /// Starts a new line: no key seen yet.
        @inline(__always)
        mutating func startLine() {
            line &+= 1
            if line == 0 {
                for k in 0..<seenOnLine.count { seenOnLine.pointer[k] = 0 }
                line = 1
            }
        }

        /// Whether `key` is seen for the first time on this line (and it is seen now).
        @inline(__always)
        func firstSight(of key: Int32) -> Bool {
            let seen = seenOnLine.pointer + Int(key)
            if seen.pointee == line { return false }
            seen.pointee = line
            return true
        }

        /// The `YYYY-MM-DD` date in `p[s..<e]`, or nil.
        @inline(__always)
        mutating func day(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Day? {
            guard e - s == 10 else { return nil }
            let head = UnsafeRawPointer(p + s).loadUnaligned(as: UInt64.self)
            let tail = UnsafeRawPointer(p + s + 8).loadUnaligned(as: UInt16.self)
            let row = Int(truncatingIfNeeded: ((head ^ (UInt64(tail) << 7)) &* 0x9E37_79B9_7F4A_7C15) >> 56)
            if dateDay[row] != .min && dateHead[row] == head && dateTail[row] == tail { return Day(ordinal: dateDay[row]) }
            guard let day = Day(isoBytes: UnsafeBufferPointer(start: p + s, count: 10)) else { return nil }
            dateHead[row] = head
            dateTail[row] = tail
            dateDay[row] = day.ordinal
            return day
        }
    }
}

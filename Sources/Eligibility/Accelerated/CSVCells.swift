/// One line of a CSV cohort cut into cells, as RFC 4180 writes them: cells separated by
/// commas; a cell holding a comma or a quote is written in quotes, with each quote inside
/// doubled (`"Hansen, ""Ole"""`). A line is one patient: a cell may not hold a line break,
/// so that a cohort can be cut at any newline and read in parallel, and a line is judged
/// on its own whichever chunk it falls in. One per worker; the cells point into the line.
struct CSVCells {
    /// What is wrong with a line's quoting, at the byte of the line where it is seen.
    enum Problem: Equatable {
        /// A quoted cell whose closing quote is not on its line (at the opening quote).
        case unclosedQuote(at: Int)
        /// A quote inside a cell that does not start with one.
        case quoteInPlainCell(at: Int)
        /// Something other than a comma or the line's end right after a closing quote.
        case textAfterClosingQuote(at: Int)
    }

    /// At most this many cells are kept; a line with more stops at the first one over
    /// (`count == capacity`, `start` of the cell past them known).
    let capacity: Int
    /// Per cell: its text (inside the quotes of a quoted cell) is `start[k] ..< end[k]`;
    /// `at[k]` is its first byte (the opening quote of a quoted cell).
    let start: WorkerTable<Int>
    let end: WorkerTable<Int>
    let at: WorkerTable<Int>
    /// Per cell: whether it was quoted and holds doubled quotes (its text needs them undoubled).
    let doubled: WorkerTable<Bool>
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        start = WorkerTable(repeating: 0, count: capacity)
        end = WorkerTable(repeating: 0, count: capacity)
        at = WorkerTable(repeating: 0, count: capacity)
        doubled = WorkerTable(repeating: false, count: capacity)
    }

    /// Cuts `base[lineStart..<lineEnd]` (without its newline; a carriage return before it is
    /// not part of the last cell) into cells: at most `capacity`, where a line with more
    /// stops.
    /// - Returns: the first problem of the line's quoting, or nil.
    mutating func split(_ base: UnsafePointer<UInt8>, _ lineStart: Int, _ lineEnd: Int) -> Problem? {
        let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\"")
        var stop = lineEnd
        if stop > lineStart && base[stop - 1] == 13 { stop -= 1 }
        count = 0
        overflowAt = -1
        var i = lineStart
        while count < capacity {
            at.pointer[count] = i
            if i < stop && base[i] == quote {
                i += 1
                start.pointer[count] = i
                var hasDoubled = false
                while true {
                    guard i < stop else { return .unclosedQuote(at: at.pointer[count]) }
                    if base[i] == quote {
                        if i + 1 < stop && base[i + 1] == quote { hasDoubled = true; i += 2; continue }
                        break
                    }
                    i += 1
                }
                end.pointer[count] = i
                doubled.pointer[count] = hasDoubled
                i += 1
                if i < stop && base[i] != comma { return .textAfterClosingQuote(at: i) }
            } else {
                start.pointer[count] = i
                while i < stop && base[i] != comma {
                    if base[i] == quote { return .quoteInPlainCell(at: i) }
                    i += 1
                }
                end.pointer[count] = i
                doubled.pointer[count] = false
            }
            count += 1
            if i >= stop { return nil }
            // Past the comma: the next cell starts there (an empty one when the line ends).
            i += 1
        }
        overflowAt = i
        return nil
    }

    /// Where the first cell past `capacity` starts, when the line has more cells (else -1).
    private(set) var overflowAt = -1

    /// The text of cell `k`, its doubled quotes undoubled; nil when it is not UTF-8.
    func text(_ k: Int, _ base: UnsafePointer<UInt8>) -> String? {
        let bytes = UnsafeBufferPointer(start: base + start.pointer[k], count: end.pointer[k] - start.pointer[k])
        guard doubled.pointer[k] else { return String(validating: bytes, as: UTF8.self) }
        var undoubled: [UInt8] = []
        undoubled.reserveCapacity(bytes.count)
        var skipNext = false
        for byte in bytes {
            if skipNext { skipNext = false; continue }
            undoubled.append(byte)
            if byte == UInt8(ascii: "\"") { skipNext = true }
        }
        return String(validating: undoubled, as: UTF8.self)
    }
}

extension CohortLineParser {
    /// Reads the text of a CSV cell, `base[s..<e]` (not empty, without doubled quotes), as
    /// the value of fact `slot`, the way `value(slot:...)` reads the same value written in
    /// JSON: a yes/no fact as `true` or `false`, a number as JSON writes it, a date, a
    /// choice or a text as the string's content.
    /// - Returns: false when the exact reader must judge the cell (of another type, out of
    ///   the fact's range, not an allowed choice, not plain printable ASCII).
    @inline(__always)
    func cell(slot: Int, _ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int,
              _ slots: UnsafeMutablePointer<SlotValue>, _ habits: inout LineHabits) -> Bool {
        switch kinds[slot] {
        case .bool:
            var c = Cursor(base: base, i: s, end: e)
            if c.word("true") && c.i == e { slots[slot] = .bool(true); return true }
            c.i = s
            if c.word("false") && c.i == e { slots[slot] = .bool(false); return true }
            return false
        case .integer, .number:
            var c = Cursor(base: base, i: s, end: e)
            guard let x = c.number(integerOnly: kinds[slot] == .integer), c.i == e,
                  x >= minimum[slot], x <= maximum[slot] else { return false }
            slots[slot] = kinds[slot] == .integer ? .integer(Int(x)) : .number(x)
            return true
        case .date:
            guard let day = habits.day(base, s, e) else { return false }
            slots[slot] = .date(day)
            return true
        case .choice:
            let id = symbols.lookup(ByteTable.hash(base, s, e), base, s, e)
            guard id >= 0, allowed[slot].contains(id) else { return false }
            slots[slot] = .symbol(id)
            return true
        case .text, .code:
            // As in a JSON line: only text whose code is plain to see is read here.
            for i in s..<e where base[i] < 32 || base[i] >= 127 { return false }
            guard let code = ICD10Code.packedIfPlain(UnsafeBufferPointer(start: base + s, count: e - s)),
                  code != 0 || kinds[slot] == .text else { return false }
            slots[slot] = .symbol(symbols.lookup(ByteTable.hash(base, s, e), base, s, e), code: code)
            return true
        }
    }
}

extension CohortLineParser {
    /// Reads the value of fact `slot` at the cursor into `slots`.
    /// - Returns: false when the value needs the exact reader (of another type, out of
    ///   the fact's range, not an allowed choice, escaped, or not plain).
    @inline(__always)
    func value(slot: Int, _ c: inout Cursor, _ slots: UnsafeMutablePointer<SlotValue>, _ memory: inout LineHabits) -> Bool {
        if c.peek == UInt8(ascii: "n") { return c.word("null") }
        switch kinds[slot] {
        case .bool:
            if c.word("true") { slots[slot] = .bool(true); return true }
            if c.word("false") { slots[slot] = .bool(false); return true }
            return false
        case .integer, .number:
            guard let x = c.number(integerOnly: kinds[slot] == .integer), x >= minimum[slot], x <= maximum[slot] else { return false }
            slots[slot] = kinds[slot] == .integer ? .integer(Int(x)) : .number(x)
            return true
        case .date:
            guard let (s, e) = c.string(), let day = memory.day(c.base, s, e) else { return false }
            slots[slot] = .date(day)
            return true
        case .choice:
            // The allowed values are checked as patterns first; anything else (a long or
            // escaped value, or one not allowed) goes the hashing way.
            if c.i &+ 24 <= c.end {
                let at = UnsafeRawPointer(c.base + c.i)
                for v in Int(choiceStart.pointer[slot])..<Int(choiceStart.pointer[slot + 1]) {
                    let length = choiceLength.pointer[v]
                    if length > 0 && Self.starts(at, with: choicePattern.pointer + 6 &* v) {
                        slots[slot] = .symbol(choiceId.pointer[v])
                        c.i &+= length
                        return true
                    }
                }
            }
            guard let (s, e, h) = c.hashedString() else { return false }
            let id = symbols.lookup(h, c.base, s, e)
            guard id >= 0, allowed[slot].contains(id) else { return false }
            slots[slot] = .symbol(id)
            return true
        case .text, .code:
            // Only text whose code is plain to see is read here; the rest (lower case, a
            // comma, the SKS 'D', a mistyped code) goes to the exact reader, whose
            // `ICD10Code` is the one that reads codes.
            guard let (s, e, h) = c.hashedString(),
                  let code = ICD10Code.packedIfPlain(UnsafeBufferPointer(start: c.base + s, count: e - s)),
                  code != 0 || kinds[slot] == .text else { return false }
            slots[slot] = .symbol(symbols.lookup(h, c.base, s, e), code: code)
            return true
        }
    }
}

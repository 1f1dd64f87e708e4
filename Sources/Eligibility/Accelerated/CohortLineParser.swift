import Foundation

/// Reads one cohort line, a JSON object per contract §1, straight into fact slots without
/// building strings or trees. It handles the common shape; anything unusual (escapes,
/// exponents, errors) makes it return false, and the caller reads the line the slow,
/// exact way, which also gives the error message.
final class CohortLineParser {
    /// `code`: text read as an ICD-10 code (`format: icd10`).
    enum Kind: UInt8, Sendable { case bool, integer, number, text, code, choice, date }

    private let tables: [ByteTable]
    let symbols: ByteTable
    let kinds: [Kind]
    let minimum: [Double]
    let maximum: [Double]
    /// Allowed symbol ids of each enum fact.
    let allowed: [[Int32]]
    /// The allowed values of each enum fact as quoted patterns, compared like keys (see
    /// `keyPattern`): value v of slot s is `choiceStart[s] <= v < choiceStart[s + 1]`,
    /// with pattern `choicePattern[v * 6 ..< v * 6 + 6]`, symbol `choiceId[v]` and
    /// quoted length `choiceLength[v]` (0: too long for a pattern).
    let choiceStart: WorkerTable<Int32>
    let choicePattern: WorkerTable<UInt64>
    let choiceId: WorkerTable<Int32>
    let choiceLength: WorkerTable<Int>
    static let idKey: Int32 = .max - 1
    static let asOfKey: Int32 = .max - 2
    /// Every key of every level, flattened: key i is `keyBytes[keyStart[i]..<keyStart[i + 1]]`,
    /// stands for `keyEntry[i]`, and `keyIndex[level << 32 | entry]` finds it again.
    private let keyBytes: [UInt8]
    private let keyStart: [Int]
    private let keyEntry: [Int32]
    private let keyIndex: [Int64: Int32]
    /// Per key of up to 22 bytes: the key in quotes as three little-endian words of 8
    /// bytes, then three masks for the bytes it uses (`keyPattern[i * 6 ..< i * 6 + 6]`), so
    /// that the expected key is checked with three loads. Longer keys: `quotedLength` 0.
    private let keyPattern: WorkerTable<UInt64>
    /// Per object level: where its places start in `LineHabits.expected` (one place per key
    /// the level has; then the total).
    private let placeStart: WorkerTable<Int>
    private let quotedLength: WorkerTable<Int>


    func newLineHabits() -> LineHabits { LineHabits(places: placeStart.pointer[tables.count], levels: tables.count, keys: keyEntry.count) }

    /// The expected-key record of key `index`.
    private func expectedKey(_ index: Int32) -> ExpectedKey {
        let i = Int(index)
        let p = keyPattern.pointer + 6 * i
        return ExpectedKey(pattern: (p[0], p[1], p[2]), mask: (p[3], p[4], p[5]), quoted: quotedLength.pointer[i], key: index, entry: keyEntry[i])
    }

    init(vocabulary: Vocabulary) {
        var prefixIds: [String: Int] = ["": 0]
        var entries: [[(String, Int32)]] = [[("id", Self.idKey), ("as_of", Self.asOfKey)]]
        func table(for prefix: String) -> Int {
            if let id = prefixIds[prefix] { return id }
            let parts = prefix.split(separator: ".")
            let parent = table(for: parts.dropLast().joined(separator: "."))
            let id = entries.count
            prefixIds[prefix] = id
            entries.append([])
            entries[parent].append((String(parts.last ?? ""), Int32(-2 - id)))
            return id
        }
        var kinds: [Kind] = []
        var minimum: [Double] = []
        var maximum: [Double] = []
        var allowed: [[Int32]] = []
        let catalog = vocabulary.catalogs.dropFirst().reduce(vocabulary.catalogs.first ?? FactCatalog()) { $0.merging($1) }
        for (slot, name) in vocabulary.inputNames.enumerated() {
            let parts = name.split(separator: ".")
            let t = table(for: parts.dropLast().joined(separator: "."))
            entries[t].append((String(parts.last ?? ""), Int32(slot)))
            var ids: [Int32] = []
            switch vocabulary.inputTypes[slot] {
            case .bool: kinds.append(.bool)
            case .integer: kinds.append(.integer)
            case .number: kinds.append(.number)
            case .string: kinds.append(catalog[name]?.format == .icd10 ? .code : .text)
            case .date: kinds.append(.date)
            case .enumeration(let values):
                kinds.append(.choice)
                ids = values.map { vocabulary.symbol($0) }
            }
            allowed.append(ids)
            minimum.append(catalog[name]?.min ?? -.infinity)
            maximum.append(catalog[name]?.max ?? .infinity)
        }
        self.tables = entries.map { ByteTable($0) }
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        var entryOf: [Int32] = []
        var index: [Int64: Int32] = [:]
        for (level, list) in entries.enumerated() {
            for (key, entry) in list {
                index[Int64(level) << 32 | Int64(UInt32(bitPattern: entry))] = Int32(entryOf.count)
                bytes.append(contentsOf: key.utf8)
                starts.append(bytes.count)
                entryOf.append(entry)
            }
        }
        self.keyBytes = bytes
        self.keyStart = starts
        self.keyEntry = entryOf
        self.keyIndex = index
        var pattern: [UInt64] = []
        var quotedLength: [Int] = []
        for i in 0..<entryOf.count {
            let (words, length) = Self.quotedPattern(Array(bytes[starts[i]..<starts[i + 1]]))
            pattern += words
            quotedLength.append(length)
        }
        self.keyPattern = WorkerTable(pattern)
        self.placeStart = WorkerTable(entries.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.count) })
        self.quotedLength = WorkerTable(quotedLength)
        self.symbols = ByteTable(vocabulary.symbols.enumerated().map { ($1, Int32($0)) })
        self.kinds = kinds
        self.minimum = minimum
        self.maximum = maximum
        self.allowed = allowed
        var choiceStart: [Int32] = [0]
        var choicePattern: [UInt64] = []
        var choiceId: [Int32] = []
        var choiceLength: [Int] = []
        for (slot, ids) in allowed.enumerated() {
            for id in ids where kinds[slot] == .choice {
                let (words, length) = Self.quotedPattern(Array(vocabulary.symbols[Int(id)].utf8))
                choicePattern += words
                choiceId.append(id)
                choiceLength.append(length)
            }
            choiceStart.append(Int32(choiceId.count))
        }
        self.choiceStart = WorkerTable(choiceStart)
        self.choicePattern = WorkerTable(choicePattern)
        self.choiceId = WorkerTable(choiceId)
        self.choiceLength = WorkerTable(choiceLength)
    }

    /// Text in quotes as three little-endian words of 8 bytes and three masks for the
    /// bytes it uses, with its quoted length; text over 22 bytes gets zeros and length 0.
    static func quotedPattern(_ text: [UInt8]) -> (words: [UInt64], length: Int) {
        let quoted = [UInt8(ascii: "\"")] + text + [UInt8(ascii: "\"")]
        var words: [UInt64] = [0, 0, 0, 0, 0, 0]
        guard quoted.count <= 24 else { return (words, 0) }
        for (k, byte) in quoted.enumerated() {
            words[k / 8] |= UInt64(byte) << UInt64(8 * (k % 8))
            words[3 + k / 8] |= UInt64(0xFF) << UInt64(8 * (k % 8))
        }
        return (words, quoted.count)
    }

    /// Whether the 24 bytes at `at` start with quoted text of this pattern and mask (see
    /// `quotedPattern`).
    @inline(__always)
    static func starts(_ at: UnsafeRawPointer, pattern: (UInt64, UInt64, UInt64), mask: (UInt64, UInt64, UInt64)) -> Bool {
        let differ = ((at.loadUnaligned(as: UInt64.self) & mask.0) ^ pattern.0)
            | ((at.loadUnaligned(fromByteOffset: 8, as: UInt64.self) & mask.1) ^ pattern.1)
            | ((at.loadUnaligned(fromByteOffset: 16, as: UInt64.self) & mask.2) ^ pattern.2)
        return differ == 0
    }

    /// The same for a pattern stored as six words, pattern then mask.
    @inline(__always)
    static func starts(_ at: UnsafeRawPointer, with p: UnsafeMutablePointer<UInt64>) -> Bool {
        starts(at, pattern: (p[0], p[1], p[2]), mask: (p[3], p[4], p[5]))
    }

    /// What a parsed line says besides its facts.
    struct Header {
        var idStart = 0
        var idEnd = 0
        var asOf: Day?
    }

    /// Parses `base[start..<end]` into `slots` (which must be all unknown on entry).
    /// - Returns: false when the line needs the exact reader.
    func parse(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
               into slots: UnsafeMutablePointer<SlotValue>, header: inout Header, habits: inout LineHabits) -> Bool {
        var cursor = Cursor(base: base, i: start, end: end)
        habits.startLine()
        cursor.skipSpace()
        guard cursor.take(UInt8(ascii: "{")) else { return false }
        guard object(table: 0, &cursor, slots, &header, &habits) else { return false }
        cursor.skipSpace()
        return cursor.i == end
    }


    /// Whether the key at the cursor is the expected one; if so the cursor moves past it.
    @inline(__always)
    private func matches(_ expected: UnsafeMutablePointer<ExpectedKey>, _ c: inout Cursor) -> Bool {
        let open = c.i
        let quoted = expected.pointee.quoted
        // The line always has more bytes after a key; near its end, compare byte by byte.
        if quoted > 0 && open &+ 24 <= c.end {
            guard Self.starts(UnsafeRawPointer(c.base + open), pattern: expected.pointee.pattern, mask: expected.pointee.mask) else { return false }
            c.i = open &+ quoted
            return true
        }
        let i = Int(expected.pointee.key)
        let s = keyStart[i]
        let length = keyStart[i + 1] - s
        guard open + length + 1 < c.end, c.base[open] == UInt8(ascii: "\""),
              c.base[open + 1 + length] == UInt8(ascii: "\"") else { return false }
        let same = keyBytes.withUnsafeBufferPointer { bytes in
            bytes.baseAddress.map { memcmp($0 + s, c.base + open + 1, length) == 0 } ?? (length == 0)
        }
        if same { c.i = open + length + 2 }
        return same
    }

    private func object(table: Int, _ c: inout Cursor, _ slots: UnsafeMutablePointer<SlotValue>, _ header: inout Header,
                        _ habits: inout LineHabits) -> Bool {
        c.skipSpace()
        if c.take(UInt8(ascii: "}")) { return true }
        var k = 0
        let places = habits.expected.pointer + placeStart.pointer[table]
        let capacity = placeStart.pointer[table + 1] - placeStart.pointer[table]
        let known = habits.expectedCount.pointer + table
        while true {
            c.skipSpace()
            let entry: Int32
            let key: Int32
            if k < Int(known.pointee), matches(places + k, &c) {
                entry = places[k].entry
                key = places[k].key
            } else {
                // A key the rules do not know: the exact reader names it.
                guard let (ks, ke, kh) = c.hashedString() else { return false }
                entry = tables[table].lookup(kh, c.base, ks, ke)
                guard let index = keyIndex[Int64(table) << 32 | Int64(UInt32(bitPattern: entry))] else { return false }
                key = index
                if k < capacity, k <= Int(known.pointee) {
                    places[k] = expectedKey(index)
                    if k == Int(known.pointee) { known.pointee += 1 }
                }
            }
            // A repeated key: the exact reader refuses it, as it does in a patient file.
            guard habits.firstSight(of: key) else { return false }
            k += 1
            c.skipSpace()
            guard c.take(UInt8(ascii: ":")) else { return false }
            c.skipSpace()
            if entry >= 0 && entry < Self.asOfKey {
                guard value(slot: Int(entry), &c, slots, &habits) else { return false }
            } else if entry <= -2 {
                if c.word("null") {
                } else {
                    guard c.take(UInt8(ascii: "{")), object(table: Int(-2 - entry), &c, slots, &header, &habits) else { return false }
                }
            } else if entry == Self.idKey {
                if let (s, e) = c.string() {
                    header.idStart = s
                    header.idEnd = e
                } else {
                    let s = c.i
                    guard c.number(integerOnly: true) != nil else { return false }
                    header.idStart = s
                    header.idEnd = c.i
                }
            } else if entry == Self.asOfKey {
                if !c.word("null") {
                    guard let (s, e) = c.string(), let day = habits.day(c.base, s, e) else { return false }
                    header.asOf = day
                }
            } else {
                return false
            }
            c.skipSpace()
            if c.take(UInt8(ascii: ",")) { continue }
            return c.take(UInt8(ascii: "}"))
        }
    }
}

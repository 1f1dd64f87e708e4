/// Writes JSON with keys in the order given, so output is stable and diffable.
///
/// The text is built as UTF-8 bytes in pieces the writer owns (no copy of the writer, so
/// none shares them). A full piece is kept as it is and the next one begun, twice as large
/// up to 64 KiB: what is written is never moved, and the one copy is the caller's
/// (``utf8Line``, or ``forEachPiece(_:)`` into a server's buffer). Strings are escaped in
/// `JSONWriter+Strings.swift`.
package struct JSONWriter: ~Copyable {
    /// The piece being written: `count` of its `capacity` bytes are used.
    private var buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    /// The full pieces before it, in order, each with the bytes it holds.
    private var earlier: [(start: UnsafeMutablePointer<UInt8>, count: Int)] = []
    /// The bytes in `earlier`.
    private var earlierCount = 0
    private var indent: Int
    private let pretty: Bool
    /// Whether each open object or array (and the top level) has a member yet: bit `n` for
    /// nesting depth `n`, depths past 63 in `deeperHasMember`.
    private var hasMember: UInt64 = 0
    private var deeperHasMember: [Bool] = []
    private var suppressNext = false

    /// The first piece's size; later ones double up to ``largestPiece``.
    static let firstPiece = 4096
    static let largestPiece = 65536

    package init(pretty: Bool = true) {
        self.pretty = pretty
        self.indent = 0
        capacity = Self.firstPiece
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        for piece in earlier { piece.start.deallocate() }
        buffer.deallocate()
    }

    /// The number of bytes written.
    package var byteCount: Int { earlierCount + count }

    /// Hands each piece of the JSON written so far to `body`, in order.
    package func forEachPiece(_ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        for piece in earlier { try body(UnsafeRawBufferPointer(start: piece.start, count: piece.count)) }
        try body(UnsafeRawBufferPointer(start: buffer, count: count))
    }

    /// The JSON written so far.
    package var text: String { String(decoding: utf8, as: UTF8.self) }

    /// The JSON written so far as UTF-8 bytes, for callers that send bytes (no second
    /// pass over the text to make a String).
    package var utf8: [UInt8] { bytes(endingWith: nil) }

    /// The JSON written, with the line break that ends a document, as bytes: one copy.
    package var utf8Line: [UInt8] { bytes(endingWith: UInt8(ascii: "\n")) }

    private func bytes(endingWith last: UInt8?) -> [UInt8] {
        let total = byteCount + (last == nil ? 0 : 1)
        return [UInt8](unsafeUninitializedCapacity: total) { out, written in
            var at = out.baseAddress!
            forEachPiece { piece in
                guard let start = piece.baseAddress else { return }
                at.initialize(from: start.assumingMemoryBound(to: UInt8.self), count: piece.count)
                at += piece.count
            }
            if let last { at.initialize(to: last) }
            written = total
        }
    }

    // MARK: bytes

    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    /// Keeps the full piece and begins one that holds `needed` bytes or more.
    private mutating func grow(to needed: Int) {
        earlier.append((buffer, count))
        earlierCount += count
        capacity = max(min(capacity * 2, Self.largestPiece), needed - count)
        buffer = .allocate(capacity: capacity)
        count = 0
    }

    @inline(__always)
    mutating func put(_ byte: UInt8) {
        reserve(1)
        buffer[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func put(_ start: UnsafePointer<UInt8>, _ length: Int) {
        reserve(length)
        (buffer + count).initialize(from: start, count: length)
        count += length
    }

    /// `length` bytes that need no escape, between quotes.
    @inline(__always)
    mutating func putQuoted(_ start: UnsafePointer<UInt8>, _ length: Int) {
        reserve(length + 2)
        let at = buffer + count
        at.initialize(to: UInt8(ascii: "\""))
        (at + 1).initialize(from: start, count: length)
        at[length + 1] = UInt8(ascii: "\"")
        count += length + 2
    }

    mutating func put(_ ascii: StaticString) {
        put(ascii.utf8Start, ascii.utf8CodeUnitCount)
    }

    // MARK: layout

    private mutating func newline() {
        let width = 2 * indent
        reserve(1 + width + 8)
        count += Self.writeNewline(at: buffer + count, width: width)
    }

    /// Writes a line break and `width` spaces at `at`, which has room for `width + 9`
    /// bytes: the spaces go eight at a time, so the last store may run up to seven bytes
    /// past them, inside that room, and the next write covers those bytes. Returns the
    /// bytes written.
    @inline(__always)
    private static func writeNewline(at: UnsafeMutablePointer<UInt8>, width: Int) -> Int {
        at.initialize(to: UInt8(ascii: "\n"))
        var written = 0
        while written < width {
            UnsafeMutableRawPointer(at + 1 + written).storeBytes(of: 0x2020_2020_2020_2020 as UInt64, as: UInt64.self)
            written += 8
        }
        return 1 + width
    }

    /// Whether the innermost open object or array has a member yet.
    private var currentHasMember: Bool {
        @inline(__always) get {
            indent < 64 ? hasMember >> UInt64(indent) & 1 == 1 : deeperHasMember[indent - 64]
        }
        @inline(__always) set {
            if indent < 64 {
                let bit: UInt64 = 1 << UInt64(indent)
                hasMember = newValue ? hasMember | bit : hasMember & ~bit
            } else {
                deeperHasMember[indent - 64] = newValue
            }
        }
    }

    private mutating func separate() {
        if currentHasMember { put(UInt8(ascii: ",")) } else { currentHasMember = true }
        if pretty && indent > 0 { newline() }
    }

    private mutating func open(_ bracket: UInt8) {
        put(bracket)
        indent += 1
        if indent < 64 { currentHasMember = false } else { deeperHasMember.append(false) }
    }

    private mutating func close(_ bracket: UInt8) {
        let had = currentHasMember
        if indent >= 64 { deeperHasMember.removeLast() }
        indent -= 1
        if pretty && had { newline() }
        put(bracket)
    }

    private mutating func valuePrefix() {
        if suppressNext { suppressNext = false } else { separate() }
    }

    // MARK: values

    /// A key written in the code: plain ASCII that needs no escape (checked in debug
    /// builds), copied as it is.
    package mutating func key(_ k: StaticString) {
        assert(k.hasPointerRepresentation && UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount)
            .allSatisfy { $0 < 0x80 && !Self.needsEscape($0) }, "a JSON key in the code needs no escape")
        // What separate(), the quoted key and keyEnd() write, in one reservation.
        let length = k.utf8CodeUnitCount
        let breaks = pretty && indent > 0
        let width = breaks ? 2 * indent : 0
        reserve(1 + (breaks ? 9 + width : 0) + length + 4)
        var at = buffer + count
        if currentHasMember {
            at.initialize(to: UInt8(ascii: ","))
            at += 1
        } else {
            currentHasMember = true
        }
        if breaks { at += Self.writeNewline(at: at, width: width) }
        at[0] = UInt8(ascii: "\"")
        (at + 1).initialize(from: k.utf8Start, count: length)
        at[1 + length] = UInt8(ascii: "\"")
        at[2 + length] = UInt8(ascii: ":")
        if pretty {
            at[3 + length] = UInt8(ascii: " ")
            at += 4 + length
        } else {
            at += 3 + length
        }
        count = at - buffer
        suppressNext = true
    }

    /// A key that comes from data (a fact's name, a service id): escaped as any string.
    package mutating func key(text k: String) {
        separate()
        quoted(k)
        keyEnd()
    }

    private mutating func keyEnd() {
        put(UInt8(ascii: ":"))
        if pretty { put(UInt8(ascii: " ")) }
        currentHasMember = true
        suppressNext = true
    }

    package mutating func string(_ s: String) { valuePrefix(); quoted(s) }
    package mutating func optional(_ s: String?) { if let s { string(s) } else { valuePrefix(); put("null") } }
    package mutating func number(_ n: Int) {
        valuePrefix()
        var text = String(n)
        text.withUTF8 { put($0.baseAddress!, $0.count) }
    }
    package mutating func bool(_ b: Bool) { valuePrefix(); if b { put("true") } else { put("false") } }
    package mutating func strings(_ list: [String]) {
        array { w in for s in list { w.string(s) } }
    }
    package mutating func object(_ body: (inout JSONWriter) -> Void) {
        valuePrefix()
        open(UInt8(ascii: "{"))
        body(&self)
        close(UInt8(ascii: "}"))
    }
    package mutating func array(_ body: (inout JSONWriter) -> Void) {
        valuePrefix()
        open(UInt8(ascii: "["))
        body(&self)
        close(UInt8(ascii: "]"))
    }
}

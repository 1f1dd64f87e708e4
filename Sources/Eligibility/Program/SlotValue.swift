/// A fact's value as the evaluators hold it: a tag and 64 bits, no references, so a
/// patient's facts are a flat array that costs nothing to copy or reset.
package struct SlotValue: Sendable, Hashable {
    package enum Tag: UInt8, Sendable { case unknown, bool, integer, number, date, symbol }

    package var tag: Tag
    /// bool (0/1), integer, number (bit pattern), date (days), or symbol id.
    package var bits: Int64
    /// For text: the ICD-10 code packed so that integer order is text order (0 if not a code).
    package var code: UInt64

    package static let unknown = SlotValue(tag: .unknown, bits: 0, code: 0)

    @inlinable package var isKnown: Bool { tag != .unknown }

    package static func bool(_ v: Bool) -> SlotValue { SlotValue(tag: .bool, bits: v ? 1 : 0, code: 0) }
    package static func integer(_ v: Int) -> SlotValue { SlotValue(tag: .integer, bits: Int64(v), code: 0) }
    package static func number(_ v: Double) -> SlotValue { SlotValue(tag: .number, bits: Int64(bitPattern: v.bitPattern), code: 0) }
    package static func date(_ d: Day) -> SlotValue { SlotValue(tag: .date, bits: Int64(d.ordinal), code: 0) }
    package static func symbol(_ id: Int32, code: UInt64 = 0) -> SlotValue { SlotValue(tag: .symbol, bits: Int64(id), code: code) }

    /// Text in slot form: its id in the vocabulary (-1 when the rules never mention it)
    /// and its ICD-10 code.
    static func text(_ text: String, id: Int32) -> SlotValue { .symbol(id, code: ICD10Code.packedCode(of: text)) }

    /// The value as a number, for integer and number facts.
    @inlinable package var numeric: Double {
        tag == .number ? Double(bitPattern: UInt64(bitPattern: bits)) : Double(bits)
    }

    /// Equality as rules mean it: 3 equals 3.0, text by its id.
    @inline(__always)
    func sameAs(_ other: SlotValue) -> Bool {
        if tag == other.tag { return bits == other.bits }
        if (tag == .integer || tag == .number) && (other.tag == .integer || other.tag == .number) {
            return numeric == other.numeric
        }
        return false
    }
}

/// A fact's value as the evaluator holds it: a tag and 64 bits, no references, so a
/// patient's facts are a flat array that costs nothing to copy or reset.
public struct SlotValue: Sendable, Hashable {
    public enum Tag: UInt8, Sendable { case unknown, bool, integer, number, date, symbol }

    public var tag: Tag
    /// bool (0/1), integer, number (bit pattern), date (days), or symbol id.
    public var bits: Int64
    /// For text: the ICD-10 code packed so that integer order is text order (0 if not a code).
    public var code: UInt64

    public static let unknown = SlotValue(tag: .unknown, bits: 0, code: 0)

    @inlinable public var isKnown: Bool { tag != .unknown }

    public static func bool(_ v: Bool) -> SlotValue { SlotValue(tag: .bool, bits: v ? 1 : 0, code: 0) }
    public static func integer(_ v: Int) -> SlotValue { SlotValue(tag: .integer, bits: Int64(v), code: 0) }
    public static func number(_ v: Double) -> SlotValue { SlotValue(tag: .number, bits: Int64(bitPattern: v.bitPattern), code: 0) }
    public static func date(_ d: Day) -> SlotValue { SlotValue(tag: .date, bits: Int64(d.ordinal), code: 0) }
    public static func symbol(_ id: Int32, code: UInt64 = 0) -> SlotValue { SlotValue(tag: .symbol, bits: Int64(id), code: code) }

    /// The value as a number, for integer and number facts.
    @inlinable public var numeric: Double {
        tag == .number ? Double(bitPattern: UInt64(bitPattern: bits)) : Double(bits)
    }

    /// Packs an ICD-10 code (dot removed, upper case, at most 8 characters) so that
    /// comparing the integers compares the codes as text.
    public static func packICD10(_ text: some StringProtocol) -> UInt64 {
        guard let normalized = ICD10Range.normalize(text) else { return 0 }
        return pack(normalized)
    }

    static func pack(_ normalized: String) -> UInt64 {
        var packed: UInt64 = 0
        var count = 0
        for byte in normalized.utf8.prefix(8) {
            packed |= UInt64(byte) << UInt64(56 - 8 * count)
            count += 1
        }
        return packed
    }
}

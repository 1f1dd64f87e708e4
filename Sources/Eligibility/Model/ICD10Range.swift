/// An ICD-10 code or range of codes, `F32`, `F32.1` or `F20-F29`, compared on the code
/// with its dot removed, so `F41.1` lies in `F40-F42` and `F34.1` in `F34.1`.
public struct ICD10Range: Sendable, Hashable, CustomStringConvertible {
    public var low: String
    public var high: String
    public let text: String

    /// nil when the text is not a code or range of codes.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        guard let low = ICD10Range.normalize(parts[0]) else { return nil }
        let high = parts.count == 2 ? ICD10Range.normalize(parts[1]) : low
        guard let high, low <= high else { return nil }
        self.low = low
        self.high = high
        self.text = text
    }

    public var description: String { text }

    /// The code without its dot, read by `ICD10Code` (so `DF321` and `F32,1` are `F321`);
    /// nil when it is not a code.
    static func normalize(_ code: some StringProtocol) -> String? {
        ICD10Code(code)?.compact
    }

    /// Whether a code lies in the range; a range bound matches every code that begins with it.
    public func contains(_ code: String) -> Bool {
        guard let c = ICD10Range.normalize(code) else { return false }
        return c >= low && (c <= high || c.hasPrefix(high))
    }
}

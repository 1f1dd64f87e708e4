/// Bounds that keep a hostile or mistaken file from using the machine up.
public struct YAMLLimits: Sendable {
    /// Largest document accepted, in bytes.
    public var maxBytes: Int
    /// Deepest nesting of mappings and lists.
    public var maxDepth: Int
    /// Most nodes in the document after aliases are counted in full: a billion-laughs
    /// file passes this bound after a few aliases and is refused without being expanded.
    public var maxNodes: Int

    public init(maxBytes: Int = 4 << 20, maxDepth: Int = 64, maxNodes: Int = 500_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
    }

    public static let standard = YAMLLimits()
}

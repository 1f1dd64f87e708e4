/// Bounds that keep a hostile or mistaken file from using the machine up.
public struct YAMLLimits: Sendable {
    /// Largest document accepted, in bytes.
    public var maxBytes: Int
    /// Deepest nesting of mappings and lists.
    public var maxDepth: Int
    /// Most nodes in the document after aliases are counted in full: a billion-laughs
    /// file passes this bound after a few aliases and is refused without being expanded.
    public var maxNodes: Int

    /// Most keys in one mapping (or JSON object).
    public var maxKeys: Int

    public init(maxBytes: Int = 4 << 20, maxDepth: Int = 64, maxNodes: Int = 500_000, maxKeys: Int = 100_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxKeys = maxKeys
    }

    public static let standard = YAMLLimits()

    /// A patient: a file, standard input, a cohort line, an HTTP body. The rules declare
    /// a few hundred facts at most, nested three or four levels, so a thousand keys in
    /// one object or sixteen levels are far beyond any real patient, and an input that
    /// passes them (24,000 unknown keys in a 260 KB body) is refused at the first key
    /// over, before each of them costs a located error and a search for a near name.
    public static let patient = YAMLLimits(maxDepth: 16, maxKeys: 1_000)
}

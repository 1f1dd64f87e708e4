/// Entry point of the YAML layer: text in, node tree out, or a located diagnostic.
public enum YAMLDocument: Sendable {
    /// Parses one YAML (or JSON) document.
    /// - Parameters:
    ///   - source: the file's name and bytes.
    ///   - limits: size, depth and alias bounds.
    /// - Returns: the root node, or nil when the file holds no document.
    public static func parse(_ source: SourceText, limits: YAMLLimits = .standard) throws(Diagnostic) -> YAMLNode? {
        let parser = try YAMLParser(source: source, limits: limits)
        return try parser.parseDocument()
    }
}

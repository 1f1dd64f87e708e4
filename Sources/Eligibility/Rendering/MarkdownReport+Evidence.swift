extension MarkdownReport {
    /// Under a deadlock, each edge with what it rests on: quotes as block quotes, sources cited.
    static func evidenceLines(_ d: Deadlock) -> String {
        var out = ""
        for edge in d.edges {
            out += "  - \(edge.text) — `\(edge.rule)`\n"
            if edge.evidence.isEmpty { out += "    - Evidence: none recorded\n" }
            for e in edge.evidence {
                switch e.kind {
                case .quote: out += "    - Quote from \(e.source): “\(e.text)”\n"
                case .source: out += "    - Source \(e.source)\(e.verified ? "" : " (unconfirmed: \(e.note ?? ""))"): \(e.text)\n"
                }
            }
        }
        return out
    }
}

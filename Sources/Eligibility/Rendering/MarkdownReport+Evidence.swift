extension MarkdownReport {
    /// Under an edge of a deadlock, what it rests on: quotes in full, sources cited, the
    /// unconfirmed ones with what could not be confirmed.
    static func evidenceLines(_ edge: Reason) -> String {
        guard !edge.evidence.isEmpty else { return "  - Evidence: none recorded\n" }
        return edge.evidence.map { e in
            switch e.kind {
            case .quote: return "  - Quote from \(e.source): “\(cell(e.text))”\n"
            case .source: return "  - Source \(e.source)\(e.verified ? "" : " (unconfirmed: \(cell(e.note ?? "")))"): \(cell(e.text))\n"
            }
        }.joined()
    }
}

extension TextReport {
    /// Under an edge of a deadlock, what the edge rests on, so that a case manager can
    /// judge it: quotes in full, citations cut to a line, unconfirmed sources marked.
    static func evidenceLines(_ edge: Reason) -> String {
        guard !edge.evidence.isEmpty else { return Wrapping.block("evidence: none recorded", width: width, first: "      ", indent: 8) }
        return edge.evidence.map { Wrapping.block(evidenceText($0), width: width, first: "      ", indent: 8) }.joined()
    }

    /// One piece of evidence in words.
    static func evidenceText(_ e: Evidence) -> String {
        switch e.kind {
        case .quote:
            return "quote (\(e.source)): \"\(e.text)\""
        case .source:
            return Wrapping.cut("source \(e.source)\(e.verified ? "" : " [unconfirmed]"): \(e.text)", to: width - 6)
        }
    }
}

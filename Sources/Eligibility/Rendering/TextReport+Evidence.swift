extension TextReport {
    /// Under a deadlock, each edge with what it rests on, so that a case manager can judge it.
    static func evidenceLines(_ d: Deadlock) -> String {
        var out = ""
        for edge in d.edges {
            out += "    - \(edge.text) (rule \(edge.rule))\n"
            if edge.evidence.isEmpty { out += "      evidence: none recorded\n" }
            for e in edge.evidence { out += "      \(evidenceText(e))\n" }
        }
        return out
    }

    /// One piece of evidence in a line: a quote in full, a citation cut to a line.
    static func evidenceText(_ e: Evidence) -> String {
        switch e.kind {
        case .quote:
            return "quote (\(e.source)): \"\(e.text)\""
        case .source:
            var cite = e.text
            if cite.count > 100 { cite = String(cite.prefix(97)) + "..." }
            return "source \(e.source)\(e.verified ? "" : " [unconfirmed]"): \(cite)"
        }
    }
}

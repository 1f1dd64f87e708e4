extension MarkdownReport {
    /// The gaps between services, one section: the need, then why each service fails.
    static func gapLines(_ gaps: [Gap]) -> String {
        guard !gaps.isEmpty else { return "" }
        var out = "\n## Falling between services (\(gaps.count))\n"
        for g in gaps {
            out += "\n**Gap:** \(cell(g.explanation))\n\n"
            for s in g.services { out += "- \(s.title): \(s.status.rawValue) — \(cell(s.why))\n" }
        }
        return out
    }
}

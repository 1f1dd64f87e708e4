extension TextReport {
    /// The gaps between services: each need no service can meet, and why each fails.
    static func gapLines(_ gaps: [Gap]) -> String {
        guard !gaps.isEmpty else { return "" }
        var out = "\nFalling between services (\(gaps.count))\n"
        for g in gaps {
            out += Wrapping.block(g.explanation, width: width, first: "  Gap: ", indent: 4)
            for s in g.services {
                out += Wrapping.block("\(s.id): \(s.status.rawValue) — \(s.why)", width: width, first: "    - ", indent: 6)
            }
        }
        return out
    }
}

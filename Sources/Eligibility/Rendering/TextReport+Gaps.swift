extension TextReport {
    /// The gaps between services: each need no service can meet, and why each fails.
    static func gapLines(_ gaps: [Gap]) -> String {
        guard !gaps.isEmpty else { return "" }
        return "\nFalling between services (\(gaps.count))\n" + gapEntries(gaps)
    }

    /// Each gap under a heading someone else writes (the check's or the plan's): the
    /// explanation naming the need, then each service meeting it, its status and why it fails.
    static func gapEntries(_ gaps: [Gap]) -> String {
        var out = ""
        for g in gaps {
            out += Wrapping.block(g.explanation, width: width, first: "  Gap: ", indent: 4)
            for s in g.services {
                out += Wrapping.block("\(s.title): \(s.status.rawValue) — \(s.why)", width: width, first: "    - ", indent: 6)
            }
        }
        return out
    }
}

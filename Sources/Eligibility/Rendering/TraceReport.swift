import Foundation

/// The full trace for a terminal (`--verbose`): one line a service, then every reason with
/// its rule line and source, missing facts, steps and ways out.
enum TraceReport {
    static func label(_ status: Status) -> String {
        let word = status.rawValue
        return word + String(repeating: " ", count: max(1, 11 - word.count))
    }

    static func render(_ report: Report, style: TextStyle = .plain) -> String {
        style.safe(plain(report), alerts: [TextReport.alertLines(report.alerts)])
    }

    private static func plain(_ report: Report) -> String {
        var out = TextReport.alertLines(report.alerts)
        out += "Patient \(report.patient), \(report.jurisdiction ?? "no jurisdiction"), as of \(report.asOf) (rules \(report.rulesVersion))\n\n"
        if report.services.isEmpty {
            out += "  " + report.noServiceNote + "\n"
        }
        let width = report.services.map(\.id.count).max() ?? 0
        for s in report.services {
            out += "  \(label(s.status)) \(s.id.padding(width))  \(s.summary)\n"
            if s.afterAcuteAssessment { out += "  \(String(repeating: " ", count: 12 + width))  (after the acute assessment)\n" }
        }
        for s in report.services where s.status != .eligible {
            out += "\n\(s.id) — \(s.title) (\(s.agency)): \(s.status.rawValue)\n"
            // For a reachable service the steps say it all; for the others, why.
            for r in s.status == .reachable ? [] : Array(s.reasons.prefix(6)) {
                out += "  - \(r.text)"
                if let seen = r.seen { out += " [\(seen)]" }
                out += "\n    rule \(r.rule); source \(shortSource(r.source))\n"
            }
            if !s.missingFacts.isEmpty { out += "  missing: \(s.missingFacts.joined(separator: ", "))\n" }
            if let root = s.rootCause { out += "  root cause: \(root)\n" }
            if !s.plan.isEmpty {
                out += "  steps:\n"
                for step in s.plan { out += "    \(step.step). \(step.who): \(step.does)\n" }
            }
            if !s.waysOut.isEmpty {
                out += "  ways out:\n"
                for way in s.waysOut { out += "    * \(way.sentence)\n" }
            }
        }
        if !report.deadlocks.isEmpty {
            out += "\nDeadlocks\n"
            for d in report.deadlocks {
                out += "  \(CycleText.closed(d.cycle)) [\(d.agencies.joined(separator: ", "))]\n"
                out += "    \(d.explanation)\n"
                for edge in d.edges {
                    out += "    - \(edge.text) (rule \(edge.rule))\n"
                    out += TextReport.evidenceLines(edge)
                }
            }
        }
        return out
    }

    /// The first citation, cut to a line, and how many more there are (JSON and Markdown keep them all).
    static func shortSource(_ source: String) -> String {
        let parts = source.components(separatedBy: "; ")
        var first = parts.first ?? ""
        if first.count > 100 { first = String(first.prefix(97)) + "..." }
        return parts.count > 1 ? "\(first) (+\(parts.count - 1) more)" : first
    }
}

extension String {
    func padding(_ width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }
}

import Foundation

/// The full trace in Markdown (`--verbose`): every reason with its rule line and source.
enum MarkdownTrace {
    static func render(_ report: Report) -> String {
        var out = "# Eligibility of patient \(report.patient)\n\n" + MarkdownReport.alertLines(report.alerts)
        out += "As of \(report.asOf), \(report.jurisdiction ?? "no jurisdiction"); rules version `\(report.rulesVersion)`.\n\n"
        out += "| Service | Agency | Status | In short |\n|---|---|---|---|\n"
        for s in report.services {
            out += "| \(cell(s.title)) (`\(s.id)`) | \(cell(s.agency)) | **\(s.status.rawValue)** | \(cell(s.summary)) |\n"
        }
        for s in report.services where s.status != .eligible {
            out += "\n## \(s.title) — \(s.status.rawValue)\n\n"
            for r in s.reasons { out += "- \(r.text)\(r.seen.map { " (\($0))" } ?? "") — `\(r.rule)`; \(r.source)\n" }
            if !s.missingFacts.isEmpty { out += "- Missing information: \(s.missingFacts.joined(separator: ", "))\n" }
            if !s.waysOut.isEmpty {
                out += "\nWays out:\n"
                for way in s.waysOut { out += "- \(way.sentence)\n" }
            }
        }
        if !report.deadlocks.isEmpty {
            out += "\n## Deadlocks between agencies\n\n"
            for d in report.deadlocks {
                out += "- \(CycleText.closed(d.cycle)) (\(d.agencies.joined(separator: ", "))): \(d.explanation)\n"
            }
        }
        out += "\n## Plan\n\n"
        if report.plan.isEmpty { out += "No steps can be taken without a cost to the patient.\n" }
        for step in report.plan {
            out += "\(step.step). **\(cell(step.who))**: \(step.does)"
            if !step.enables.isEmpty { out += " (enables \(step.enables.joined(separator: ", ")))" }
            if let d = step.deadline { out += ". Deadline: \(d)" }
            if !step.documents.isEmpty { out += ". Documents: \(step.documents.joined(separator: "; "))" }
            out += " — `\(step.rule)`\n"
        }
        return out
    }

    static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}

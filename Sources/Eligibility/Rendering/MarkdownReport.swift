/// A report a case manager can paste into an application: the bottom line, services by
/// status, the open questions, and the citations as footnotes.
struct MarkdownReport {
    private var notes = Notes()
    private var out = ""

    static func render(_ report: Report) -> String {
        var markdown = MarkdownReport()
        markdown.write(report)
        return markdown.out
    }

    static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    private mutating func write(_ report: Report) {
        out += Self.alertLines(report.alerts)
        out += "# Eligibility of patient \(report.patient)\n\n"
        out += "As of \(report.asOf), \(report.jurisdiction ?? "no jurisdiction"); rules version `\(report.rulesVersion)`.\n\n"
        if report.services.isEmpty {
            out += report.noServiceNote + "\n"
            return
        }
        out += BottomLine(report).lines.map { "**\($0.label):** \($0.items.joined(separator: "; "))" }.joined(separator: "  \n") + "\n"
        let questionNumber = Dictionary(report.questions.enumerated().map { ($1.fact, $0 + 1) }, uniquingKeysWith: { a, _ in a })
        for (status, heading) in TextReport.groups {
            let services = report.services.filter { $0.status == status }
            guard !services.isEmpty else { continue }
            out += "\n## \(heading) (\(services.count))\n\n"
            for s in services { service(s, questionNumber) }
            if status == .deadlocked { for d in report.deadlocks { deadlock(d) } }
        }
        out += Self.gapLines(report.gaps)
        if !report.questions.isEmpty {
            out += "\n## Questions (the first decides most)\n\n"
            for (i, q) in report.questions.enumerated() {
                out += "\(i + 1). \(q.question) (\(q.answerHint)); decides: \(q.decides.map(report.title(of:)).joined(separator: "; "))\n"
            }
        }
        if !notes.entries.isEmpty {
            out += "\n## Notes\n\n"
            for (number, text) in notes.paragraphs { out += "[^\(number)]: \(Self.cell(text))\n" }
        }
    }

    private mutating func service(_ s: ServiceOutcome, _ number: [String: Int]) {
        let name = s.shortTitle + (s.afterAcuteAssessment ? " — after the acute assessment" : "")
        switch s.status {
        case .eligible:
            out += "- \(name)\n"
        case .reachable:
            out += "- \(name)\n"
            for step in s.plan where step.id != s.id { out += "  \(step.step). \(step.who): \(step.does)\n" }
        case .needs_info:
            let asked = s.missingFacts.compactMap { number[$0] }.sorted().map(String.init)
            out += "- \(name): answer question\(asked.count == 1 ? "" : "s") \(asked.joined(separator: ", "))\n"
        case .ineligible:
            if let reason = s.reasons.first {
                out += "- \(name): \(reason.text)[^\(notes.cite(reason))]\n"
            } else {
                out += "- \(name): not offered for this patient\n"
            }
        case .blocked:
            out += "- \(name): \(s.waitingSentence)\(s.reasons.first.map { "[^\(notes.cite($0))]" } ?? "")\n"
            for way in s.waysOut { out += "  - Way out: \(way.sentence)\n" }
        case .deadlocked:
            out += "- \(name)\n"
        }
    }

    private mutating func deadlock(_ d: Deadlock) {
        out += "\n**Cycle:** \(CycleText.closed(d.titles)) (\(d.agencies.joined(separator: ", ")))\n\n"
        for edge in d.edges {
            out += "- \(edge.text)[^\(notes.cite(edge))]\n"
            out += Self.evidenceLines(edge)
        }
        if !d.waysOut.isEmpty {
            out += "\nWays out:\n\n"
            for way in d.waysOut { out += "- \(way.sentence)\n" }
        }
    }
}

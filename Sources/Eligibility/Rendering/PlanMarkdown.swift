/// The plan as a Markdown meeting document, citations as footnotes.
struct PlanMarkdown {
    private var notes = Notes()
    private var out = ""

    static func render(_ plan: MeetingPlan) -> String {
        var markdown = PlanMarkdown()
        markdown.write(plan)
        return markdown.out
    }

    private mutating func write(_ plan: MeetingPlan) {
        out += "# \(plan.title)\n\n"
        out += "\(plan.country); rules version `\(plan.rulesVersion)`.\n\n"
        out += MarkdownReport.alertLines(plan.report.alerts)
        out += plan.bottomLine.lines.map { "**\($0.label):** \($0.items.joined(separator: "; "))" }.joined(separator: "  \n") + "\n"
        if !plan.urgent.isEmpty {
            out += "\n## Urgent\n\n"
            for u in plan.urgent {
                out += "- **\(MeetingPlan.who(u.step.who)): \(u.step.does)**: \(u.step.deadline?.text ?? "") (\(u.context))\n"
            }
        }
        if !plan.findOutFirst.isEmpty {
            out += "\n## Find out first\n\n"
            for (i, q) in plan.findOutFirst.enumerated() {
                out += "\(i + 1). \(q.question) (\(q.answerHint)); decides: \(q.decides.map { plan.title(of: $0) }.joined(separator: "; "))\n"
            }
        }
        if !plan.goals.isEmpty || !plan.choices.isEmpty {
            out += "\n## Goals: steps in order\n"
            for choice in plan.choices { self.choice(choice) }
            for goal in plan.goals {
                out += "\n### \(goal.title)\n\n"
                steps(goal.steps, indent: "")
            }
        }
        if !plan.available.isEmpty {
            out += "\n## Can get now\n\n"
            for a in plan.available {
                out += "- **\(a.title)** (\(a.agency))\n"
                if !a.documents.isEmpty { out += "  - Documents: \(a.documents.joined(separator: "; "))\n" }
                if let d = a.deadline { out += "  - Deadline: \(MeetingPlan.deadlineWords(d, due: a.due))\n" }
            }
        }
        for s in plan.stalemates { stalemate(s) }
        if !plan.blocked.isEmpty {
            out += "\n## Blocked\n\n"
            for s in plan.blocked {
                out += "- **\(s.shortTitle)**: \(s.waitingSentence)\(s.reasons.first.map { "[^\(notes.cite($0))]" } ?? "")\n"
                for way in s.waysOut { out += "  - Way out: \(way.sentence)\n" }
            }
        }
        out += MarkdownReport.gapLines(plan.report.gaps)
        if !notes.entries.isEmpty {
            out += "\n## Notes\n\n"
            for (number, text) in notes.paragraphs { out += "[^\(number)]: \(MarkdownReport.cell(text))\n" }
        }
        if plan.mentionsDates { out += "\n_\(MeetingPlan.datesNote)_\n" }
    }

    /// A choice: its options lettered, each with its steps, or open now with its papers.
    private mutating func choice(_ choice: MeetingPlan.Choice) {
        out += "\n### \(Alternatives.heading(need: choice.title))\n\n_\(Alternatives.meaning)_\n"
        for (i, goal) in choice.goals.enumerated() {
            out += "\n#### \(MeetingPlan.option(i)). \(goal.title)\n\n"
            steps(goal.steps, indent: "")
        }
        for (j, a) in choice.available.enumerated() {
            out += "\n#### \(MeetingPlan.option(choice.goals.count + j)). \(a.title)\n\n"
            out += "- Can get now: \(a.agency)\n"
            if !a.documents.isEmpty { out += "- Documents: \(a.documents.joined(separator: "; "))\n" }
            if let d = a.deadline { out += "- Deadline: \(MeetingPlan.deadlineWords(d, due: a.due))\n" }
        }
    }

    private mutating func steps(_ steps: [MeetingPlan.Step], indent: String) {
        for (i, step) in steps.enumerated() {
            out += "\(indent)\(i + 1). **\(MeetingPlan.who(step.who))**: \(step.does)\n"
            if !step.documents.isEmpty { out += "\(indent)   - Documents: \(step.documents.joined(separator: "; "))\n" }
            if let d = step.deadline { out += "\(indent)   - Deadline: \(MeetingPlan.deadlineWords(d, due: step.due))\n" }
        }
    }

    private mutating func stalemate(_ s: MeetingPlan.Stalemate) {
        out += "\n## Deadlock: \(s.deadlock.agencies.joined(separator: " ↔ "))\n\n"
        out += CycleText.closed(s.deadlock.titles) + "\n\n"
        out += "Why each waits:\n\n"
        for edge in s.deadlock.edges {
            out += "- \(edge.text)[^\(notes.cite(edge))]\n"
            out += MarkdownReport.evidenceLines(edge)
        }
        out += "\nWays out:\n\n"
        for (i, exit) in s.exits.enumerated() {
            out += "- \(MeetingPlan.letter(i)). \(exit.way.sentenceWithoutCost)\n"
            out += "   - **Cost:** \(exit.way.costWords)\n"
            if let doubt = exit.way.uncertainty { out += "   - **May not work:** \(doubt)\n" }
            if !exit.then.isEmpty {
                out += "   - Then:\n"
                steps(exit.then, indent: "     ")
            }
        }
    }
}

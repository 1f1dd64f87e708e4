/// The plan as a plain-text meeting document, within 100 columns.
struct PlanText {
    static let width = 100
    private var notes = Notes()
    private var out = ""

    static func render(_ plan: MeetingPlan, style: TextStyle = .plain) -> String {
        var text = PlanText()
        text.write(plan)
        return style.safe(text.out, alerts: TextReport.alertBlocks(plan.report.alerts, plan.bottomLine))
    }

    private mutating func line(_ text: String, _ first: String, _ indent: Int) {
        out += Wrapping.block(text, width: Self.width, first: first, indent: indent)
    }

    private mutating func section(_ title: String) { out += "\n\(title.uppercased())\n" }

    private mutating func write(_ plan: MeetingPlan) {
        line(plan.title, "", 2)
        line("\(plan.country), rules \(plan.rulesVersion)", "", 2)
        out += "\n"
        if !plan.report.alerts.isEmpty { out += TextReport.alertLines(plan.report.alerts) + "\n" }
        out += plan.bottomLine.text(width: Self.width)
        if !plan.urgent.isEmpty {
            section("Urgent")
            for u in plan.urgent {
                line("\(MeetingPlan.who(u.step.who)): \(u.step.does) — \(u.step.deadline?.text ?? "")", "  ! ", 4)
                line(u.context, "    ", 4)
            }
        }
        if !plan.findOutFirst.isEmpty {
            section("Find out first")
            for (i, q) in plan.findOutFirst.enumerated() {
                let first = "  \(i + 1). "
                line("\(q.question) (\(q.answerHint))", first, first.count)
                line("decides: " + q.decides.map { plan.title(of: $0) }.joined(separator: "; "),
                     String(repeating: " ", count: first.count), first.count + 2)
            }
        }
        if !plan.goals.isEmpty || !plan.choices.isEmpty {
            section("Goals: steps in order")
            for choice in plan.choices { self.choice(choice) }
            for goal in plan.goals {
                line("\(goal.title) — \(goal.agency)", "  ", 4)
                steps(goal.steps, indent: 4)
            }
        }
        if !plan.available.isEmpty {
            section("Can get now")
            for a in plan.available {
                line("\(a.title) — \(a.agency)", "  ", 4)
                if !a.documents.isEmpty { line("Documents: " + a.documents.joined(separator: "; "), "    ", 6) }
                if let d = a.deadline { line("Deadline: " + MeetingPlan.deadlineWords(d, due: a.due), "    ", 6) }
            }
        }
        for s in plan.stalemates { stalemate(s) }
        if !plan.blocked.isEmpty {
            section("Blocked")
            for s in plan.blocked {
                line(s.shortTitle, "  ", 4)
                line(s.waitingSentence + (s.reasons.first.map { " [\(notes.cite($0))]" } ?? ""), "    ", 4)
                for way in s.waysOut { line(way.sentence, "    * ", 6) }
            }
        }
        if !plan.report.gaps.isEmpty {
            section("Falling between services")
            out += TextReport.gapEntries(plan.report.gaps)
        }
        if !notes.entries.isEmpty {
            section("Notes")
            for (number, text) in notes.paragraphs { line(text, "  [\(number)] ", "  [\(number)] ".count) }
        }
        if plan.mentionsDates {
            out += "\n"
            line(MeetingPlan.datesNote, "", 0)
        }
    }

    /// A choice: its options lettered, each with its steps, or open now with its papers.
    private mutating func choice(_ choice: MeetingPlan.Choice) {
        line(Alternatives.heading(need: choice.title), "  ", 4)
        line(Alternatives.meaning, "  ", 4)
        for (i, goal) in choice.goals.enumerated() {
            let first = "    \(MeetingPlan.option(i)). "
            line("\(goal.title) — \(goal.agency)", first, first.count)
            steps(goal.steps, indent: first.count)
        }
        for (j, a) in choice.available.enumerated() {
            let first = "    \(MeetingPlan.option(choice.goals.count + j)). "
            line(a.title, first, first.count)
            let more = String(repeating: " ", count: first.count)
            line("Can get now: " + a.agency, more, first.count + 2)
            if !a.documents.isEmpty { line("Documents: " + a.documents.joined(separator: "; "), more, first.count + 2) }
            if let d = a.deadline { line("Deadline: " + MeetingPlan.deadlineWords(d, due: a.due), more, first.count + 2) }
        }
    }

    private mutating func steps(_ steps: [MeetingPlan.Step], indent: Int) {
        let pad = String(repeating: " ", count: indent)
        for (i, step) in steps.enumerated() {
            let first = "\(pad)\(i + 1). "
            line("\(MeetingPlan.who(step.who)): \(step.does)", first, first.count)
            let more = String(repeating: " ", count: first.count)
            if !step.documents.isEmpty { line("Documents: " + step.documents.joined(separator: "; "), more, first.count + 2) }
            if let d = step.deadline { line("Deadline: " + MeetingPlan.deadlineWords(d, due: step.due), more, first.count + 2) }
        }
    }

    private mutating func stalemate(_ s: MeetingPlan.Stalemate) {
        section("Deadlock: " + s.deadlock.agencies.joined(separator: " ↔ "))
        line(CycleText.closed(s.deadlock.titles), "  ", 4)
        line("Why each waits:", "  ", 4)
        for edge in s.deadlock.edges {
            line("\(edge.text) [\(notes.cite(edge))]", "  - ", 4)
            out += TextReport.evidenceLines(edge)
        }
        line("Ways out:", "  ", 4)
        for (i, exit) in s.exits.enumerated() {
            let first = "  \(MeetingPlan.letter(i)). "
            line(exit.way.sentenceWithoutCost, first, first.count)
            let more = String(repeating: " ", count: first.count)
            line("Cost: " + exit.way.costWords, more, first.count + 2)
            if let doubt = exit.way.uncertainty { line("May not work: " + doubt, more, first.count + 2) }
            if !exit.then.isEmpty {
                line("Then:", more, first.count)
                steps(exit.then, indent: first.count + 2)
            }
        }
    }
}

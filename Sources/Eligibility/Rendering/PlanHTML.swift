/// The plan as one self-contained HTML page (no scripts, no external files), laid out
/// for a screen and for print: what a case manager brings to an application or a SIP
/// meeting. The server's pages show the same page.
struct PlanHTML {
    private var notes = Notes()
    private var out = ""

    static func render(_ plan: MeetingPlan) -> String {
        var page = PlanHTML()
        page.write(plan)
        return page.out
    }

    /// Text made safe inside HTML elements and attributes.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(c)
            }
        }
        return result
    }

    private func e(_ text: String) -> String { Self.escape(text) }

    private mutating func write(_ plan: MeetingPlan) {
        out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(e(plan.title))</title>\n<style>\n\(Self.style)</style>\n</head>\n<body>\n<main>\n"
        out += "<header>\n<h1>\(e(plan.title))</h1>\n"
        out += "<p class=\"meta\">\(e(plan.country)) · rules version <code>\(e(plan.rulesVersion))</code></p>\n"
        for alert in plan.report.alerts {
            out += "<div class=\"alert\" role=\"alert\"><strong>Alert:</strong> \(e(alert.text))</div>\n"
        }
        out += "<dl class=\"bottom-line\">\n"
        for line in plan.bottomLine.lines {
            out += "<dt>\(e(line.label))</dt><dd>\(line.items.map(e).joined(separator: "; "))</dd>\n"
        }
        out += "</dl>\n</header>\n"
        if !plan.urgent.isEmpty {
            out += "<section class=\"urgent\">\n<h2>Urgent</h2>\n<ul>\n"
            for u in plan.urgent {
                out += "<li><strong>\(e(MeetingPlan.who(u.step.who))): \(e(u.step.does))</strong> — \(e(u.step.deadline?.text ?? ""))"
                out += "<br><span class=\"context\">\(e(u.context))</span></li>\n"
            }
            out += "</ul>\n</section>\n"
        }
        if !plan.findOutFirst.isEmpty {
            out += "<section>\n<h2>Find out first</h2>\n<ol>\n"
            for q in plan.findOutFirst {
                out += "<li>\(e(q.question)) <span class=\"hint\">(\(e(q.answerHint)))</span>"
                out += "<br><span class=\"context\">decides: \(q.decides.map { e(plan.title(of: $0)) }.joined(separator: "; "))</span></li>\n"
            }
            out += "</ol>\n</section>\n"
        }
        if !plan.goals.isEmpty || !plan.choices.isEmpty {
            out += "<section>\n<h2>Goals: steps in order</h2>\n"
            for choice in plan.choices { self.choice(choice) }
            for goal in plan.goals {
                out += "<article class=\"goal\">\n<h3>\(e(goal.title))</h3>\n"
                steps(goal.steps)
                out += "</article>\n"
            }
            out += "</section>\n"
        }
        if !plan.available.isEmpty {
            out += "<section>\n<h2>Can get now</h2>\n<ul>\n"
            for a in plan.available {
                out += "<li><strong>\(e(a.title))</strong> <span class=\"agency\">(\(e(a.agency)))</span>"
                details(documents: a.documents, deadline: a.deadline, due: a.due)
                out += "</li>\n"
            }
            out += "</ul>\n</section>\n"
        }
        for s in plan.stalemates { stalemate(s) }
        if !plan.blocked.isEmpty {
            out += "<section>\n<h2>Blocked</h2>\n<ul>\n"
            for s in plan.blocked {
                out += "<li><strong>\(e(s.shortTitle))</strong>: \(e(s.waitingSentence))"
                if let first = s.reasons.first { out += note(first) }
                if !s.waysOut.isEmpty {
                    out += "<ul>" + s.waysOut.map { "<li>Way out: \(e($0.sentence))</li>" }.joined() + "</ul>"
                }
                out += "</li>\n"
            }
            out += "</ul>\n</section>\n"
        }
        gaps(plan.report.gaps)
        if !notes.entries.isEmpty {
            out += "<section class=\"notes\">\n<h2>Notes</h2>\n<ol>\n"
            for (number, text) in notes.paragraphs { out += "<li id=\"note-\(number)\">\(e(text))</li>\n" }
            out += "</ol>\n</section>\n"
        }
        if plan.mentionsDates { out += "<p class=\"meta\">\(e(MeetingPlan.datesNote))</p>\n" }
        out += "</main>\n</body>\n</html>\n"
    }

    /// Each need no service meets: the explanation, then each service, its status and why.
    private mutating func gaps(_ gaps: [Gap]) {
        guard !gaps.isEmpty else { return }
        out += "<section class=\"gaps\">\n<h2>Falling between services</h2>\n"
        for g in gaps {
            out += "<article class=\"gap\">\n<p><strong>Gap:</strong> \(e(g.explanation))</p>\n<ul>\n"
            for s in g.services {
                out += "<li><strong>\(e(s.title))</strong>: <span class=\"failure\">\(e(s.status.rawValue))</span> — \(e(s.why))</li>\n"
            }
            out += "</ul>\n</article>\n"
        }
        out += "</section>\n"
    }

    private mutating func note(_ reason: Reason) -> String {
        let n = notes.cite(reason)
        return "<sup><a href=\"#note-\(n)\">[\(n)]</a></sup>"
    }

    /// A choice: its options lettered side by side in one box, each with its steps, or
    /// open now with its papers.
    private mutating func choice(_ choice: MeetingPlan.Choice) {
        out += "<article class=\"choice\">\n<h3>\(e(Alternatives.heading(need: choice.title)))</h3>\n"
        out += "<p class=\"context\">\(e(Alternatives.meaning))</p>\n"
        for (i, goal) in choice.goals.enumerated() {
            out += "<div class=\"option\">\n<h4><span class=\"letter\">\(MeetingPlan.option(i))</span> \(e(goal.title))</h4>\n"
            steps(goal.steps)
            out += "</div>\n"
        }
        for (j, a) in choice.available.enumerated() {
            out += "<div class=\"option\">\n<h4><span class=\"letter\">\(MeetingPlan.option(choice.goals.count + j))</span> \(e(a.title))</h4>\n"
            out += "<p class=\"now\">Can get now: <span class=\"agency\">\(e(a.agency))</span></p>"
            details(documents: a.documents, deadline: a.deadline, due: a.due)
            out += "\n</div>\n"
        }
        out += "</article>\n"
    }

    private mutating func steps(_ steps: [MeetingPlan.Step]) {
        out += "<ol class=\"steps\">\n"
        for step in steps {
            out += "<li class=\"\(step.isService ? "service" : "action")\"><span class=\"who\">\(e(MeetingPlan.who(step.who)))</span> \(e(step.does))"
            details(documents: step.documents, deadline: step.deadline, due: step.due)
            out += "</li>\n"
        }
        out += "</ol>\n"
    }

    private mutating func details(documents: [String], deadline: Deadline?, due: Day?) {
        guard !documents.isEmpty || deadline != nil else { return }
        out += "<ul class=\"details\">"
        if !documents.isEmpty { out += "<li>Documents: \(documents.map(e).joined(separator: "; "))</li>" }
        if let deadline {
            let urgent = deadline.isUrgent ? " class=\"urgent-deadline\"" : ""
            if let due { out += "<li\(urgent)>Deadline: <strong>by \(due)</strong> (\(e(deadline.text)))</li>" }
            else { out += "<li\(urgent)>Deadline: \(e(deadline.text))</li>" }
        }
        out += "</ul>"
    }

    private mutating func stalemate(_ s: MeetingPlan.Stalemate) {
        out += "<section class=\"deadlock\">\n<h2>Deadlock: \(e(s.deadlock.agencies.joined(separator: " ↔ ")))</h2>\n"
        out += "<p class=\"cycle\">\(e(CycleText.closed(s.deadlock.titles)))</p>\n"
        out += "<h3>Why each waits</h3>\n<ul>\n"
        for edge in s.deadlock.edges {
            out += "<li>\(e(edge.text))\(note(edge))<ul class=\"evidence\">"
            if edge.evidence.isEmpty { out += "<li>Evidence: none recorded</li>" }
            for item in edge.evidence {
                switch item.kind {
                case .quote: out += "<li>Evidence, quoted from \(e(item.source)): <q>\(e(item.text))</q></li>"
                case .source:
                    out += "<li>Evidence, source \(e(item.source))\(item.verified ? "" : " <em>(unconfirmed)</em>"): \(e(item.text))</li>"
                }
            }
            out += "</ul></li>\n"
        }
        out += "</ul>\n<h3>Ways out</h3>\n<ol type=\"a\">\n"
        for exit in s.exits {
            out += "<li>\(e(exit.way.sentenceWithoutCost))"
            out += "<p class=\"cost\"><strong>Cost:</strong> \(e(exit.way.costWords))</p>"
            if let doubt = exit.way.uncertainty { out += "<p class=\"cost\"><strong>May not work:</strong> \(e(doubt))</p>" }
            if !exit.then.isEmpty {
                out += "<p>Then:</p>"
                steps(exit.then)
            }
            out += "</li>\n"
        }
        out += "</ol>\n</section>\n"
    }

    static let style = """
    body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1a1a1a; margin: 0; background: #f4f4f2; }
    main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 2rem 3rem; background: #fff; }
    h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
    h2 { font-size: 1.15rem; margin: 1.6rem 0 .5rem; padding-bottom: .2rem; border-bottom: 1px solid #ccc; }
    h3 { font-size: 1rem; margin: 1rem 0 .35rem; }
    code { font: .85em ui-monospace, "DejaVu Sans Mono", monospace; color: #555; }
    .meta { color: #555; margin: 0 0 .75rem; }
    .bottom-line { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .8rem; margin: .75rem 0 0;
      padding: .6rem .8rem; background: #eef3f8; border-left: 4px solid #2b5d8a; }
    .bottom-line dt { font-weight: 600; }
    .bottom-line dd { margin: 0; }
    .alert { margin: .75rem 0 0; padding: .6rem .8rem; border: 3px solid #b3261e; background: #fdecea; color: #5c0f0a;
      font-size: 1.05em; font-weight: 600; }
    .alert strong { color: #b3261e; text-transform: uppercase; letter-spacing: .03em; }
    .gaps { border-left: 4px solid #6b3d00; padding-left: 1rem; }
    .gap p { margin: .4rem 0 .2rem; }
    .failure { font-weight: 600; color: #6b3d00; }
    .urgent { border: 2px solid #b3261e; padding: 0 1rem .5rem; margin-top: 1.2rem; }
    .urgent h2 { color: #b3261e; border: 0; }
    .urgent-deadline { color: #b3261e; font-weight: 600; }
    .context, .hint { color: #555; font-size: .9em; }
    .who { font-weight: 600; }
    .agency { color: #555; }
    .who::after { content: ":"; }
    .steps li { margin: .3rem 0; }
    .steps li.service { list-style-type: decimal; }
    .details { margin: .15rem 0 .3rem; padding-left: 1.1rem; font-size: .92em; color: #333; }
    .deadlock { border-left: 4px solid #8a5a00; padding-left: 1rem; }
    .cost { margin: .2rem 0; color: #6b3d00; }
    .evidence { font-size: .9em; color: #333; margin: .2rem 0 .4rem; }
    .evidence q { font-style: italic; }
    .notes { font-size: .85em; color: #444; }
    .choice { border: 1px dashed #2b5d8a; padding: .2rem .9rem .5rem; margin: .8rem 0; }
    .option { border-top: 1px solid #dde5ee; }
    .option:first-of-type { border-top: 0; }
    h4 { font-size: .95rem; margin: .7rem 0 .2rem; }
    .letter { display: inline-block; min-width: 1.4em; font-weight: 700; color: #2b5d8a; }
    .now { margin: .2rem 0; font-weight: 600; color: #2d6a2d; }
    @media print {
      body { background: #fff; font-size: 10.5pt; }
      main { max-width: none; padding: 0; }
      a { color: inherit; text-decoration: none; }
      section, article, li { break-inside: avoid; }
      h2, h3, h4 { break-after: avoid; }
      .bottom-line { background: none; border: 1px solid #999; }
      .alert { background: none; }
      @page { margin: 18mm 16mm; }
    }

    """
}

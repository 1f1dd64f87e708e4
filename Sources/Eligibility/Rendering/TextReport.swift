/// A report for a GP at a terminal: the bottom line first, then the services grouped by
/// status (the ineligible ones one line each), the open questions, and the citations as
/// numbered notes at the end. Every line fits in 100 columns.
struct TextReport {
    static let width = 100
    private var notes = Notes()
    private var out = ""

    static func render(_ report: Report, style: TextStyle = .plain) -> String {
        var text = TextReport()
        text.write(report)
        // Only a terminal marks the alerts: plain text does not build the bottom line twice.
        return style.safe(text.out, alerts: style == .terminal ? alertBlocks(report.alerts, BottomLine(report)) : [])
    }

    /// What an alert marks in a text output: the alerts and the bottom line's acute route.
    static func alertBlocks(_ alerts: [Alert], _ bottomLine: BottomLine) -> [String] {
        [alertLines(alerts), bottomLine.acuteText(width: width)]
    }

    /// The headings of the status groups, in the order they are shown.
    static let groups: [(Status, String)] = Status.reading.map { ($0, $0.heading) }

    private mutating func write(_ report: Report) {
        out += Self.alertLines(report.alerts)
        for id in report.asked {
            guard let s = report.services.first(where: { $0.id == id }) else { continue }
            out += Wrapping.block("\(s.shortTitle)? \(s.verdictLine(in: report))", width: Self.width, first: "", indent: 2)
        }
        out += Wrapping.block("Patient \(report.patient), \(report.jurisdiction ?? "no jurisdiction"), as of \(report.asOf) (rules \(report.rulesVersion))",
                              first: "", indent: 2)
        out += "\n"
        if report.services.isEmpty {
            out += report.noServiceNote + "\n"
            return
        }
        out += BottomLine(report).text(width: Self.width)
        let questionNumber = Dictionary(report.questions.enumerated().map { ($1.fact, $0 + 1) }, uniquingKeysWith: { a, _ in a })
        for (status, heading) in Self.groups {
            let services = report.services.filter { $0.status == status }
            guard !services.isEmpty else { continue }
            out += "\n\(heading) (\(services.count))\n"
            for s in services {
                switch status {
                case .ineligible: ineligible(s)
                case .eligible: titleLine(s)
                case .reachable: reachable(s)
                case .needs_info: needsInfo(s, questionNumber)
                case .blocked: blocked(s)
                case .deadlocked: titleLine(s)
                }
            }
            if status == .deadlocked { for d in report.deadlocks { deadlock(d) } }
        }
        out += Self.gapLines(report.gaps)
        questions(report)
        notesSection()
    }

    private mutating func titleLine(_ s: ServiceOutcome) {
        let held = s.afterAcuteAssessment ? " — after the acute assessment" : ""
        out += Wrapping.block(s.shortTitle + held, width: Self.width, first: "  ", indent: 4)
    }

    /// One entry a service: its title and the first reason, wrapped, never cut.
    private mutating func ineligible(_ s: ServiceOutcome) {
        guard let reason = s.reasons.first else {
            out += Wrapping.block("\(s.shortTitle): not offered for this patient", width: Self.width, first: "  ", indent: 4)
            return
        }
        out += Wrapping.block("\(s.shortTitle): \(reason.text) [\(notes.cite(reason))]", width: Self.width, first: "  ", indent: 4)
    }

    private mutating func reachable(_ s: ServiceOutcome) {
        titleLine(s)
        for step in s.plan where step.id != s.id {
            out += Wrapping.block("\(step.who): \(step.does)", width: Self.width, first: "    \(step.step). ", indent: 7)
        }
    }

    private mutating func needsInfo(_ s: ServiceOutcome, _ number: [String: Int]) {
        titleLine(s)
        let asked = s.missingFacts.compactMap { number[$0] }.sorted()
        let words = asked.count == 1 ? "question \(asked[0])" : "questions " + asked.map(String.init).joined(separator: ", ")
        out += Wrapping.block("answer \(words) below", width: Self.width, first: "    ", indent: 4)
    }

    private mutating func blocked(_ s: ServiceOutcome) {
        titleLine(s)
        out += Wrapping.block(s.waitingSentence + (s.reasons.first.map { " [\(notes.cite($0))]" } ?? ""),
                              width: Self.width, first: "    ", indent: 4)
        waysOut(s.waysOut)
    }

    private mutating func deadlock(_ d: Deadlock) {
        out += Wrapping.block("\(CycleText.closed(d.titles)) (\(d.agencies.joined(separator: ", ")))",
                              width: Self.width, first: "  Cycle: ", indent: 4)
        for edge in d.edges {
            out += Wrapping.block("\(edge.text) [\(notes.cite(edge))]", width: Self.width, first: "    - ", indent: 6)
            out += Self.evidenceLines(edge)
        }
        waysOut(d.waysOut)
    }

    private mutating func waysOut(_ ways: [WayOut]) {
        guard !ways.isEmpty else { return }
        out += "    Ways out:\n"
        for way in ways { out += Wrapping.block(way.sentence, width: Self.width, first: "    * ", indent: 6) }
    }

    private mutating func questions(_ report: Report) {
        let questions = report.questions
        guard !questions.isEmpty else { return }
        out += "\nQuestions (the first decides most)\n"
        for (i, q) in questions.enumerated() {
            let first = "  \(i + 1). "
            out += Wrapping.block("\(q.question) (\(q.answerHint))", width: Self.width, first: first, indent: first.count)
            out += Wrapping.block("decides: " + q.decides.map(report.title(of:)).joined(separator: "; "), width: Self.width,
                                  first: String(repeating: " ", count: first.count), indent: first.count + 2)
        }
    }

    private mutating func notesSection() {
        guard !notes.entries.isEmpty else { return }
        out += "\nNotes\n"
        for (number, text) in notes.paragraphs {
            let first = "  [\(number)] "
            out += Wrapping.block(text, width: Self.width, first: first, indent: first.count)
        }
    }
}

extension ServiceOutcome {
    /// For a blocked service: what it waits for, by title, pointing at the reason listed elsewhere.
    var waitingSentence: String { waiting ?? "waits for a prerequisite this patient cannot have" }
}

extension Question {
    /// What kind of answer is wanted, in words: `yes or no`, `a date, YYYY-MM-DD`, the choices.
    public var answerHint: String {
        switch type {
        case .bool: return "yes or no"
        case .date: return "a date, YYYY-MM-DD"
        case .integer: return "a whole number"
        case .number: return "a number"
        case .string: return "text"
        case .enumeration: return choices.map(\.label).joined(separator: " / ")
        }
    }
}

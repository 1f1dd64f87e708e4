/// A report for a GP at a terminal: the bottom line first, then the services grouped by
/// status (the ineligible ones one line each), the open questions, and the citations as
/// numbered notes at the end. Every line fits in 100 columns.
struct TextReport {
    static let width = 100
    private var notes = Notes()
    private var out = ""

    static func render(_ report: Report) -> String {
        var text = TextReport()
        text.write(report)
        return text.out
    }

    /// The headings of the status groups, in the order they are shown.
    static let groups: [(Status, String)] = [
        (.eligible, "Can get now"), (.reachable, "Within reach, after the steps"),
        (.needs_info, "Waiting for answers"), (.blocked, "Blocked"),
        (.deadlocked, "Deadlocked between agencies"), (.ineligible, "Not for this patient"),
    ]

    private mutating func write(_ report: Report) {
        out += Self.alertLines(report.alerts)
        out += Wrapping.block("Patient \(report.patient), \(report.jurisdiction ?? "no jurisdiction"), as of \(report.asOf) (rules \(report.rulesVersion))",
                              first: "", indent: 2)
        out += "\n"
        if report.services.isEmpty {
            out += "No service of \(report.jurisdiction ?? "this jurisdiction") is in force on \(report.asOf) in these rules.\n"
            return
        }
        for line in BottomLine(report).rendered(width: Self.width) { out += line + "\n" }
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
        questions(report.questions)
        notesSection()
    }

    private mutating func titleLine(_ s: ServiceOutcome) {
        out += Wrapping.block("\(s.shortTitle) — \(s.id)", width: Self.width, first: "  ", indent: 4)
    }

    private mutating func ineligible(_ s: ServiceOutcome) {
        guard let reason = s.reasons.first else {
            out += Wrapping.cut("  \(s.id): not offered for this patient", to: Self.width) + "\n"
            return
        }
        let note = " [\(notes.cite(reason))]"
        out += Wrapping.cut("  \(s.id): \(reason.text)", to: Self.width - note.count) + note + "\n"
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
        out += Wrapping.block("\((d.cycle + [d.cycle[0]]).joined(separator: " → ")) (\(d.agencies.joined(separator: ", ")))",
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

    private mutating func questions(_ questions: [Question]) {
        guard !questions.isEmpty else { return }
        out += "\nQuestions (the first decides most)\n"
        for (i, q) in questions.enumerated() {
            let first = "  \(i + 1). "
            out += Wrapping.block("\(q.question) (\(q.answerHint))", width: Self.width, first: first, indent: first.count)
            out += Wrapping.block("decides: " + q.decides.joined(separator: ", "), width: Self.width,
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
    /// For a blocked service: what it waits for, pointing at the reason listed elsewhere.
    var waitingSentence: String {
        let root = rootCause ?? blockedBy.first ?? "a prerequisite"
        let via = blockedBy.first.map { $0 == root ? "" : " (through \($0))" } ?? ""
        return "waits for \(root)\(via), which this patient cannot have"
    }
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

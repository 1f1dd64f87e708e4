import Eligibility

extension CardDeck {
    /// Markdown: status, the reasons with their rule lines and sources, the plan or the
    /// ways out, the missing facts, and which facts came from where in the record.
    func detail(_ s: ServiceOutcome) -> String {
        var lines = ["**\(String(s.status.rawValue.map { $0 == "_" ? " " : $0 }))**: \(s.summary) (\(s.agency))", ""]
        if !s.reasons.isEmpty {
            lines.append("Why:")
            for r in s.reasons {
                // The text says the patient's situation where a criterion fails; the ids of
                // facts stay in the JSON report, not on a card a GP reads.
                let text = r.text.hasSuffix(".") ? String(r.text.dropLast()) : r.text
                lines.append("- \(text). Rule `\(r.rule)`; source: \(r.source)")
            }
            lines.append("")
        }
        if !s.plan.isEmpty {
            lines.append("Plan:")
            for step in s.plan {
                let deadline = step.deadline.map { "; deadline: \($0)" } ?? ""
                lines.append("\(step.step). \(step.does) (\(step.who)\(deadline))")
            }
            lines.append("")
        }
        if !s.waysOut.isEmpty {
            lines.append("Ways out:")
            for way in s.waysOut {
                let who = way.who.map { "; \($0)" } ?? ""
                let cost = "; cost to the patient: \(way.costWords)"
                lines.append("- \(way.description)\(who)\(cost)")
            }
            lines.append("")
        }
        if !s.missingFacts.isEmpty {
            let asked = s.missingFacts.map { fact in outcomes.questions.first { $0.fact == fact }?.question ?? Self.label(fact, library) }
            lines.append("Still to answer: " + asked.joined(separator: " "))
            lines.append("")
        }
        lines.append(recordLine)
        return lines.joined(separator: "\n")
    }

    /// Which facts the record gave, and from which element.
    static func recordLine(_ record: RecordFacts, library: RuleLibrary) -> String {
        let given = record.origins.sorted { $0.key < $1.key }.map { "\(label($0.key, library)) (\($0.value))" }
        var line = "From the record: " + (given.isEmpty ? "nothing" : given.joined(separator: ", ")) + "."
        if !record.unread.isEmpty { line += " Not used: " + record.unread.joined(separator: "; ") + "." }
        if !record.notes.isEmpty { line += " Note: " + record.notes.joined(separator: "; ") + "." }
        return line
    }

    /// A fact as a person calls it: its label, else its description, else its name.
    static func label(_ fact: String, _ library: RuleLibrary) -> String {
        library.catalog[fact].flatMap { $0.label ?? $0.description } ?? fact
    }

    /// Steps the GP takes, offered as draft Tasks; the first is recommended. Each Task
    /// names its action, the order it serves (`focus`, order-select), and, as the steps
    /// are the GP's, the patient's GP from the record as its `owner`.
    func suggestions(_ s: ServiceOutcome) -> [Card.Suggestion] {
        var steps = s.plan.filter { $0.who.lowercased() == "gp" && $0.id != s.id }.map { (id: $0.id, does: $0.does) }
        steps += s.waysOut.filter { $0.kind == .action && $0.who?.lowercased() == "gp" && !$0.hasKnownCost }.map { (id: $0.id, does: $0.description) }
        var seen: Set<String> = []
        let order = record.orders.first { $0.services.contains(s.id) && $0.resourceId != nil }
        return steps.filter { seen.insert($0.does).inserted }.enumerated().map { index, step in
            Card.Suggestion(label: Card.fit(step.does), task: step.does, isRecommended: index == 0, action: step.id,
                            owner: record.generalPractitioner, focus: order?.resourceId.map { "ServiceRequest/\($0)" })
        }
    }

    /// One card listing the facts still unknown that decide services, when there are any.
    func questionCards() -> [Card] {
        guard !outcomes.questions.isEmpty else { return [] }
        let decided = Set(outcomes.questions.flatMap(\.decides)).count
        let count = outcomes.questions.count
        let summary = "\(count) open question\(count == 1 ? " decides" : "s decide") \(decided) service\(decided == 1 ? "" : "s"): \(outcomes.questions[0].question)"
        var lines = ["Answering these settles the services still undecided:", ""]
        for q in outcomes.questions {
            let choices = q.choices.isEmpty ? "" : " Answers: " + q.choices.map(\.label).joined(separator: ", ") + "."
            lines.append("- **\(q.question)**\(choices) Decides: \(q.decides.map { ServiceOutcome.shortened(title($0)) }.joined(separator: "; ")).")
        }
        lines += ["", recordLine]
        return [Card(summary: Card.fit(summary), indicator: .info, detail: lines.joined(separator: "\n"), source: sourceLabel, suggestions: [])]
    }
}

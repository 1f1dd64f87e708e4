import Eligibility

/// The deadlines that apply to a case, each once, with the date it falls on where the
/// start of its period is known.
///
/// The report's plan also holds a "Receive: …" step for every service the patient already
/// has, with that service's deadline: so the SGI's "after a refused sickness benefit …"
/// reached every employed Swedish patient with an income, never on sick leave. Here a
/// deadline applies when its step is still to be taken on the way to a service within
/// reach (the meeting plan's goals), or when it belongs to a service the patient has and
/// counts from a date the case holds ("within 8 weeks of the first day of absence").
///
/// A period ("within 8 working days") falls on a date when its start is known: a date
/// fact of the case that the deadline names as its start; else, as in the meeting plan,
/// the plan's date for a step nothing comes before, or the day the dated steps before it
/// run out. Otherwise the deadline is its text alone.
enum PlanDeadlines {
    static func dueSteps(_ report: Report, catalog: FactCatalog, dates: [String: Day]) -> [CaseEvaluation.DueStep] {
        let plan = MeetingPlan(report: report)
        let inPlace = Set(report.services.filter { $0.status == .eligible }.map(\.id))
        let numbers = Dictionary(report.plan.map { ($0.id, $0.step) }, uniquingKeysWith: { a, _ in a })
        let followers = Set(report.plan.flatMap(\.enables))
        var result: [CaseEvaluation.DueStep] = []
        var index: [String: Int] = [:]

        func add(id: String, does: String, who: String, deadline: Deadline, planDate: Day?) {
            let start = namedStart(of: deadline.text, catalog: catalog, dates: dates)
            let due: Day?
            let from: String?
            if let start {
                due = deadline.date(from: start.day)
                from = "counted from “\(start.label)” (\(start.day))"
            } else {
                due = planDate
                from = planDate == nil ? nil : followers.contains(id)
                    ? "counted from when the dated steps before it run out"
                    : "counted from the plan's date (\(report.asOf)), if the step starts then"
            }
            let step = CaseEvaluation.DueStep(step: numbers[id] ?? 0, does: does, who: who, deadline: deadline.text,
                                              id: id, due: due?.description, from: from, urgent: deadline.isUrgent)
            if let at = index[id] {
                // The same step on the way to two goals: once, with the earlier date.
                if let day = step.due, result[at].due.map({ day < $0 }) ?? true { result[at] = step }
                return
            }
            index[id] = result.count
            result.append(step)
        }

        for goal in plan.choices.flatMap(\.goals) + plan.goals {
            for step in goal.steps {
                guard let deadline = step.deadline else { continue }
                // A service the patient already has is no step to take: its deadline
                // applies only when it counts from a date of the case.
                if step.isService, inPlace.contains(step.id),
                   namedStart(of: deadline.text, catalog: catalog, dates: dates) == nil { continue }
                add(id: step.id, does: step.does, who: MeetingPlan.who(step.who), deadline: deadline, planDate: step.due)
            }
        }
        for service in report.services where service.status == .eligible {
            guard let text = service.deadline, index[service.id] == nil, numbers[service.id] != nil,
                  namedStart(of: text, catalog: catalog, dates: dates) != nil else { continue }
            add(id: service.id, does: service.shortTitle, who: service.agency, deadline: Deadline(text), planDate: nil)
        }
        return result
    }

    /// The date fact a deadline counts from, when its words name one the case holds:
    /// "within 8 weeks of the first day of absence" → `employment.sick_leave_start` ("First
    /// day of the current sick leave"), "1 month after it is issued" →
    /// `psychologist.referral_issued`. The words after the period are matched with each
    /// date fact's label and description; the one matching most words, if it is the only
    /// one, and if the case holds its date.
    static func namedStart(of text: String, catalog: FactCatalog, dates: [String: Day]) -> (label: String, day: Day)? {
        guard let event = startEvent(in: text) else { return nil }
        let wanted = Set(words(event))
        guard !wanted.isEmpty else { return nil }
        var best: [(name: String, score: Int)] = []
        for entry in catalog.entries where entry.type == .date && !entry.isDerived {
            let own = Set(words([entry.label, entry.description, entry.question].compactMap { $0 }.joined(separator: " ")))
            let score = wanted.intersection(own).count
            guard score > 0, score * 2 >= wanted.count else { continue }
            if let top = best.first?.score, score < top { continue }
            if let top = best.first?.score, score > top { best = [] }
            best.append((entry.name, score))
        }
        guard best.count == 1, let name = best.first?.name, let day = dates[name] else { return nil }
        return (catalog[name]?.label ?? name, day)
    }

    /// The words naming what a period counts from: "the first day of absence" in "held
    /// within 8 weeks of the first day of absence; after 22 weeks …", "it is issued" in
    /// "lapses 1 month after it is issued unless …".
    static func startEvent(in text: String) -> String? {
        let units = ["day", "days", "week", "weeks", "month", "months", "year", "years"]
        for clause in text.lowercased().split(whereSeparator: { ";,.(".contains($0) }) {
            let words = clause.split(separator: " ").map(String.init)
            for (i, word) in words.enumerated() where units.contains(word) && i + 1 < words.count {
                guard ["of", "from", "after"].contains(words[i + 1]) else { continue }
                let rest = words[(i + 2)...].prefix { !["unless", "and", "or", "but", "then"].contains($0) }
                if !rest.isEmpty { return rest.joined(separator: " ") }
            }
        }
        return nil
    }

    /// Content words by their first five letters ("received" and "receive" alike).
    private static func words(_ text: String) -> [String] {
        let stop: Set<String> = ["the", "a", "an", "of", "it", "is", "be", "being", "been", "has", "was", "by", "to",
                                 "from", "its", "this", "that", "on", "in", "at", "for", "what", "date", "when", "did"]
        return text.lowercased().split { !$0.isLetter }.map(String.init).filter { !stop.contains($0) }.map { String($0.prefix(5)) }
    }
}

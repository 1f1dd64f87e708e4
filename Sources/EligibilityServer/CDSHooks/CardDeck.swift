import Eligibility

/// The cards for one CDS Hooks call, made from the report of the patient's record.
struct CardDeck {
    let outcomes: ServiceOutcomes
    let record: RecordFacts
    let library: RuleLibrary
    /// Which facts the record gave, and from which element (the same on every card).
    let recordLine: String

    init(outcomes: ServiceOutcomes, record: RecordFacts, library: RuleLibrary) {
        self.outcomes = outcomes
        self.record = record
        self.library = library
        recordLine = Self.recordLine(record, library: library)
    }

    /// `source.label` of every card.
    var sourceLabel: String { "eligcheck rules \(outcomes.rulesVersion)" }

    /// order-select: one card per ordered service, in the order asked; the open questions last.
    func orderCards(_ ids: [String]) -> [Card] {
        let byId = Dictionary(outcomes.services.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return acuteCards() + ids.compactMap { byId[$0] }.map(card) + questionCards()
    }

    /// patient-view: the services that matter most (deadlocked, then reachable, blocked
    /// and eligible; at most three), and the open questions.
    func overviewCards() -> [Card] {
        let order: [Status] = [.deadlocked, .reachable, .blocked, .eligible]
        let chosen = order.flatMap { status in outcomes.services.filter { $0.status == status } }.prefix(3)
        return acuteCards() + chosen.map(card) + questionCards()
    }

    /// When the record names no country whose rules exist, nothing can be checked.
    func noCountryCard() -> Card {
        var detail = "These rules cover \(countries(joinedBy: "and")); the patient's country comes from the home address (`Patient.address.country`), else from a national person number in `Patient.identifier` (CPR, personnummer, fødselsnummer)."
        if !record.unread.isEmpty { detail += "\n\n" + record.unread.map { "- \($0.capitalizedFirst)" }.joined(separator: "\n") }
        return Card(summary: "No check: the record gives no address in \(countries(joinedBy: "or"))", indicator: .warning,
                    detail: detail, source: sourceLabel, suggestions: [])
    }

    /// The countries the rules in force are written for, by the names the `jurisdiction`
    /// fact gives its values ("Denmark, Sweden and Norway").
    private func countries(joinedBy word: String) -> String {
        let names = library.jurisdictions.map { code in
            library.catalog["jurisdiction"]?.choices.first { $0.value == code }?.label ?? code
        }
        guard names.count > 1 else { return names.first ?? "no country" }
        return names.dropLast().joined(separator: ", ") + " \(word) " + names[names.count - 1]
    }

    /// The rules' alerts (acute risk, in the patient's country's words) come before any
    /// referral question: critical when they replace the planned route.
    private func acuteCards() -> [Card] {
        outcomes.alerts.map { alert in
            Card(summary: Card.fit(alert.headline), indicator: alert.replacesPlannedRoute ? .critical : .warning,
                 detail: "\(alert.text)\n\nRule: `\(alert.rule)`. Source: \(alert.source)",
                 source: sourceLabel, suggestions: [])
        }
    }

    private func card(_ s: ServiceOutcome) -> Card {
        Card(summary: Card.fit(summary(s)), indicator: indicator(s), detail: detail(s), source: sourceLabel, suggestions: suggestions(s))
    }

    private func indicator(_ s: ServiceOutcome) -> Card.Indicator {
        switch s.status {
        case .eligible, .reachable: return .info
        case .ineligible, .needs_info, .blocked, .deadlocked: return .warning
        }
    }

    func title(_ id: String) -> String {
        outcomes.services.first { $0.id == id }?.title ?? library.service(id)?.title ?? id
    }

    private func summary(_ s: ServiceOutcome) -> String {
        if s.afterAcuteAssessment { return "\(s.title): after the acute assessment (acute route first)" }
        switch s.status {
        case .eligible:
            return "\(s.title): can be referred now"
        case .reachable:
            let first = s.plan.first { $0.id != s.id }?.does.lowercasedFirst ?? "take the steps in the plan"
            let whole = "\(s.title): \(first) first"
            // A long step keeps its first clause: the detail has the rest.
            guard whole.count >= Card.maxSummary, let clause = first.range(of: ", ") else { return whole }
            return "\(s.title): \(first[..<clause.lowerBound]) first"
        case .ineligible:
            // The values that failed, as the GP knows them ("anxiety, moderate"); yes/no
            // facts say nothing without their name, so the summary leaves them out.
            let seen = s.reasons.compactMap { $0.seen?.split(separator: "=", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) }
                .filter { !["true", "false", "unknown"].contains($0) }
            return "\(s.title) will decline: " + (seen.isEmpty ? s.summary : seen.joined(separator: ", "))
        case .needs_info:
            let ask = s.missingFacts.first.flatMap { fact in outcomes.questions.first { $0.fact == fact }?.question }
            return "\(s.title): answer first: " + (ask ?? s.missingFacts.joined(separator: ", "))
        case .blocked:
            return "\(s.title): waits for \(s.rootCause.map(title) ?? "a service that cannot be had")"
        case .deadlocked:
            let others = s.cycle.filter { $0 != s.id }.map(title)
            return "\(s.title): deadlocked with \(others.joined(separator: " and ")); see the ways out"
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}

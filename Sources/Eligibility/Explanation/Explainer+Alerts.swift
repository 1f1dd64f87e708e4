extension Explainer {
    /// The alert rules that hold for the patient's own facts in their country.
    func activeAlerts() -> [AlertRule] {
        let js = program.jurisdictionSlot
        let country = js >= 0 && before.initial[js].isKnown ? evaluator.describe(slot: js) : nil
        return program.entries.alerts.indices.filter { a in
            let alert = program.entries.alerts[a]
            return (alert.jurisdiction == nil || alert.jurisdiction == country) && holdsBefore(program.alertWhen[a]) == .yes
        }.map { program.entries.alerts[$0] }
    }

    /// The alerts as shown, and each planned referral told that the acute route applies
    /// (``noteAlerts(_:on:)``).
    func applyAlerts(to report: inout Report) {
        let active = activeAlerts()
        report.alerts = alerts(active)
        noteAlerts(active, on: &report.services)
    }

    /// Alert rules as a report shows them.
    func alerts(_ rules: [AlertRule]) -> [Alert] {
        rules.map {
            Alert(id: $0.id, text: $0.text, headline: $0.headline ?? $0.text, replacesPlannedRoute: $0.routeNote != nil,
                  rule: $0.origin.reference, source: program.cite($0.sources.map(\.id)))
        }
    }

    /// Each planned referral told that an alert's route applies instead: the note comes
    /// first among its reasons and at the end of its summary.
    func noteAlerts(_ alerts: [AlertRule], on outcomes: inout [ServiceOutcome]) {
        let notes = alerts.compactMap { alert in alert.routeNote.map { (alert, $0) } }
        guard !notes.isEmpty else { return }
        for i in outcomes.indices where services[outcomes[i].id]?.plannedReferral == true {
            for (alert, note) in notes.reversed() {
                outcomes[i].reasons.insert(Reason(rule: alert.origin.reference, text: note,
                                                  source: program.cite(alert.sources.map(\.id))), at: 0)
            }
            outcomes[i].summary += " — " + notes.map(\.1).joined(separator: "; ")
            outcomes[i].afterAcuteAssessment = true
        }
    }
}

extension ServiceOutcome {
    /// The answer to "can this patient have it?" in one line a GP can act on: "Yes",
    /// "Yes, after: <steps>", "No: <reason>", "Depends on: <questions>", or "Acute route
    /// instead" while an acute route holds the planned referral.
    public func verdictLine(in report: Report) -> String {
        if afterAcuteAssessment, report.acuteRoute != nil { return "Acute route instead (the alert above); this referral comes after the acute assessment" }
        switch status {
        case .eligible:
            return "Yes"
        case .reachable:
            let steps = plan.filter { $0.id != id }.map { "\(MeetingPlan.who($0.who)): \($0.does)" }
            return steps.isEmpty ? "Yes" : "Yes, after: " + steps.joined(separator: "; ")
        case .ineligible:
            return "No: " + (reasons.first?.text ?? "not offered for this patient")
        case .blocked:
            return "No: " + (waiting ?? summary)
        case .deadlocked:
            let ways = waysOut.count == 1 ? "1 way out below" : "\(waysOut.count) ways out below"
            let others = report.deadlocks.first { $0.cycle.contains(id) }.map { d in
                zip(d.cycle, d.titles).filter { $0.0 != id }.map(\.1)
            } ?? cycle.filter { $0 != id }
            return "No, not as things stand: it waits in a deadlock with " + others.joined(separator: "; ")
                + (waysOut.isEmpty ? "; no single way out found" : "; \(ways)")
        case .needs_info:
            let asked = report.questions.filter { missingFacts.contains($0.fact) }.map(\.question)
            return "Depends on: " + (asked.isEmpty ? missingFacts : asked).joined(separator: " ")
        }
    }
}

extension MeetingPlan {
    /// `Plan for patient P — meeting on 2026-11-23`; for a meeting on another day than the
    /// plan's, `Plan for patient P — meeting on 2026-01-20 (plan as of 2026-11-23)`.
    public var title: String {
        guard let meetingOn, meetingOn != asOf else { return "Plan for patient \(patient) — meeting on \(asOf)" }
        return "Plan for patient \(patient) — meeting on \(meetingOn) (plan as of \(asOf))"
    }

    /// The country in words, with its code.
    public var country: String {
        switch jurisdiction {
        case "DK": return "Denmark (DK)"
        case "SE": return "Sweden (SE)"
        case "NO": return "Norway (NO)"
        case let code?: return code
        case nil: return "no jurisdiction"
        }
    }

    /// A service's title in this plan's report, or its id.
    public func title(of service: String) -> String {
        report.services.first { $0.id == service }?.shortTitle ?? service
    }

    /// Whether any deadline in the plan got a date.
    public var mentionsDates: Bool {
        let goals = self.goals + choices.flatMap(\.goals), available = self.available + choices.flatMap(\.available)
        return goals.contains { $0.steps.contains { $0.due != nil } } || available.contains { $0.due != nil }
            || stalemates.contains { $0.exits.contains { $0.then.contains { $0.due != nil } } }
    }

    static let datesNote = "Dates count from the meeting date, for steps taken that day; working days skip weekends but not public holidays."

    /// Who does a step, as a person reads it: `GP`, `Patient`, an agency's name.
    public static func who(_ who: String) -> String {
        if who == "gp" { return "GP" }
        guard let first = who.first, first.isLowercase else { return who }
        return first.uppercased() + who.dropFirst()
    }

    /// A deadline with its date first when there is one: `by 2026-12-07 (Decision ...)`.
    public static func deadlineWords(_ deadline: Deadline, due: Day?) -> String {
        guard let due else { return deadline.text }
        return "by \(due) (\(deadline.text))"
    }

    /// A, B, C, ... for the options of a choice.
    static func option(_ i: Int) -> String { letter(i).uppercased() }

    /// a, b, c, ... for the ways out.
    static func letter(_ i: Int) -> String {
        String(UnicodeScalar(UInt8(97 + i % 26)))
    }
}

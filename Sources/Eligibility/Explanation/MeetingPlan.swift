/// A plan to take to a meeting (an application, a SIP meeting): what is urgent, what to
/// find out first, the steps towards each service within reach with who does what,
/// documents and dated deadlines, what the patient can get now, and the deadlocks with
/// the evidence of each link and the ways out with their costs.
public struct MeetingPlan: Sendable {
    /// One thing someone does, or one service granted, on the way to a goal.
    public struct Step: Sendable, Hashable {
        /// The action or service id.
        public var id: String
        /// A service granted (else an action someone takes).
        public var isService: Bool
        public var who: String
        public var does: String
        public var documents: [String]
        public var deadline: Deadline?
        /// The date the deadline runs out, when the step can start on the meeting date or
        /// right after dated steps.
        public var due: Day?
        public var rule: String
        public var source: String
    }

    /// A service within reach and the steps that get there, in order.
    public struct Goal: Sendable, Hashable {
        public var service: String
        public var title: String
        public var agency: String
        public var steps: [Step]
    }

    /// A service the patient can have now: no step before it.
    public struct Available: Sendable, Hashable {
        public var service: String
        public var title: String
        public var agency: String
        public var documents: [String]
        public var deadline: Deadline?
        public var due: Day?
    }

    /// Services that meet the same need, any one of which is enough: some reached by
    /// steps, some open now. They are shown together instead of among the goals.
    public struct Choice: Sendable, Hashable {
        public var need: String
        /// The need in plain words.
        public var title: String
        public var goals: [Goal]
        public var available: [Available]
    }

    /// A step with an urgent deadline, and when it applies.
    public struct Urgent: Sendable, Hashable {
        public var step: Step
        /// The situation it belongs to: a goal, or a way out (`if: patient: Resign ...`).
        public var context: String
    }

    /// A way out of a deadlock, and the steps that would follow it.
    public struct Exit: Sendable, Hashable {
        public var way: WayOut
        public var then: [Step]
    }

    /// A deadlock between agencies with the ways out.
    public struct Stalemate: Sendable, Hashable {
        public var deadlock: Deadlock
        public var services: [String]
        public var exits: [Exit]
    }

    public var patient: String
    public var asOf: Day
    /// The day of the meeting the plan is printed for, when it is not `asOf` (a case's
    /// meeting: its agenda before, its minutes after); nil: a meeting on `asOf`.
    public var meetingOn: Day? = nil
    public var jurisdiction: String?
    public var rulesVersion: String
    public var bottomLine: BottomLine
    public var urgent: [Urgent]
    /// Open questions to answer before the plan is complete, the one deciding most first.
    public var findOutFirst: [Question]
    /// Alternatives: choose one of each (their services are not repeated below).
    public var choices: [Choice] = []
    /// The services within reach, each with its steps.
    public var goals: [Goal]
    public var available: [Available]
    public var stalemates: [Stalemate]
    /// Blocked services: what they wait for and the ways out.
    public var blocked: [ServiceOutcome]
    /// The report the plan was made from (for JSON and for reasons).
    public var report: Report
}

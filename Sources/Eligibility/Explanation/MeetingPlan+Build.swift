extension MeetingPlan {
    /// The plan for a report.
    /// - Parameters:
    ///   - report: the report of one patient.
    ///   - followUps: for each way out of a deadlock (by its sentence), the steps that
    ///     would follow it.
    /// What a planned referral's title says while an acute route applies.
    static func held(_ s: ServiceOutcome) -> String { s.afterAcuteAssessment ? " — after the acute assessment" : "" }

    public init(report: Report, followUps: [String: [PlanStep]] = [:]) {
        let services = Set(report.services.map(\.id))
        patient = report.patient
        asOf = report.asOf
        jurisdiction = report.jurisdiction
        rulesVersion = report.rulesVersion
        bottomLine = BottomLine(report)
        findOutFirst = report.questions
        self.report = report
        // A goal that is a step on the way to another is shown there, not again.
        let reachable = report.services.filter { $0.status == .reachable }
        let onTheWay = Set(reachable.flatMap { s in s.plan.map(\.id).filter { $0 != s.id } })
        goals = reachable.filter { !onTheWay.contains($0.id) }.map { s in
            Goal(service: s.id, title: s.shortTitle + Self.held(s), agency: s.agency,
                 steps: Self.dated(s.plan, services: services, from: report.asOf))
        }
        available = report.services.filter { $0.status == .eligible }.map { s in
            let deadline = s.deadline.map(Deadline.init)
            return Available(service: s.id, title: s.shortTitle + Self.held(s), agency: s.agency, documents: s.documents,
                             deadline: deadline, due: deadline?.date(from: report.asOf))
        }
        blocked = report.services.filter { $0.status == .blocked }
        stalemates = report.deadlocks.map { d in
            Stalemate(deadlock: d, services: report.services.filter { $0.status == .deadlocked && d.cycle.contains($0.id) }.map(\.id),
                      exits: d.waysOut.map { way in
                          Exit(way: way, then: Self.dated(followUps[way.sentence] ?? [], services: services, from: report.asOf))
                      })
        }
        var urgent: [Urgent] = []
        for goal in goals {
            for step in goal.steps where step.deadline?.isUrgent == true {
                urgent.append(Urgent(step: step, context: "for \(goal.title)"))
            }
        }
        // A step after several ways out is urgent once, naming each of them.
        var afterExits: [String: (step: Step, letters: [String])] = [:]
        var order: [String] = []
        for stalemate in stalemates {
            for (i, exit) in stalemate.exits.enumerated() {
                for step in exit.then where step.deadline?.isUrgent == true {
                    if afterExits[step.id] == nil { order.append(step.id) }
                    afterExits[step.id, default: (step, [])].letters.append(Self.letter(i))
                }
            }
        }
        for id in order {
            guard let (step, letters) = afterExits[id] else { continue }
            let which = letters.count == 1 ? "way out \(letters[0])" : "way out " + letters.joined(separator: " or ")
            urgent.append(Urgent(step: step, context: "if \(which) of the deadlock is taken"))
        }
        self.urgent = urgent
        groupAlternatives(report.alternatives)
    }

    /// Moves the goals and available services of each group of alternatives into a choice,
    /// when two or more of them are shown (a service on the way to another goal is not).
    private mutating func groupAlternatives(_ alternatives: [Alternatives]) {
        for group in alternatives {
            let members = Set(group.services)
            let goals = self.goals.filter { members.contains($0.service) }
            let available = self.available.filter { members.contains($0.service) }
            guard goals.count + available.count >= 2 else { continue }
            choices.append(Choice(need: group.need, title: group.title, goals: goals, available: available))
            self.goals.removeAll { members.contains($0.service) }
            self.available.removeAll { members.contains($0.service) }
        }
    }

    /// Plan steps with their deadlines read, and dates where the start is known: a step no
    /// other step leads to starts on the meeting date; one that follows only dated steps
    /// starts when the last of them runs out.
    static func dated(_ steps: [PlanStep], services: Set<String>, from start: Day) -> [Step] {
        var due: [String: Day] = [:]
        var undated: Set<String> = []
        var result: [Step] = []
        for step in steps {
            let before = steps.filter { $0.enables.contains(step.id) }.map(\.id)
            var begins: Day? = start
            for id in before {
                guard !undated.contains(id), let day = due[id] else { begins = nil; break }
                if let current = begins, day > current { begins = day }
            }
            let deadline = step.deadline.map(Deadline.init)
            let date = begins.flatMap { deadline?.date(from: $0) }
            if let date { due[step.id] = date } else { undated.insert(step.id) }
            // Explainer words a granted service as "Receive: <title>"; the plan names the service.
            let received = step.does.hasPrefix(PlanStep.receiving)
            result.append(Step(id: step.id, isService: services.contains(step.id) || received, who: step.who,
                               does: received ? String(step.does.dropFirst(PlanStep.receiving.count)) : step.does,
                               documents: step.documents, deadline: deadline, due: date,
                               rule: step.rule, source: step.source))
        }
        return result
    }
}

extension WayOut {
    /// The way out without its cost: who does what, or which fact would change.
    public var sentenceWithoutCost: String {
        "\(MeetingPlan.who(who ?? "")): \(description)"
    }
}

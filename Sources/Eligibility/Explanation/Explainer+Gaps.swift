extension Explainer {
    /// The needs the patient has on their own facts that every service of their country
    /// meeting them fails: ineligible, blocked, deadlocked, or affordable only to someone who
    /// can pay the patient's share. A service whose outcome is still unknown keeps the need
    /// open, so it is no gap.
    func gaps() -> [Gap] {
        let library = program.entries
        var result: [Gap] = []
        for (n, need) in library.needs.enumerated() {
            // (service entry, its item): indices, so no service is copied out of the list.
            var meeting: [(Int, Int)] = []
            for s in library.servicesMeeting[n] {
                let item = program.serviceEntryItem[s]
                if item >= 0, evaluator.active[item] { meeting.append((s, item)) }
            }
            guard !meeting.isEmpty, holdsBefore(program.needWhen[n]) == .yes else { continue }
            var failures: [Gap.Service] = []
            for (s, index) in meeting {
                guard let failure = failure(of: s, at: index) else { break }
                failures.append(failure)
            }
            guard failures.count == meeting.count else { continue }
            let country = program.items[meeting[0].1].jurisdiction ?? ""
            let names = failures.map { "\($0.title) (\($0.status.rawValue))" }.joined(separator: ", ")
            result.append(Gap(need: need.id, title: need.title, services: failures,
                              explanation: "The patient needs \(need.title.lowercasedFirst), and no service of \(country) that meets it is open to them: \(names)."))
        }
        return result
    }

    /// Why the service `entry` of the list (item `index`) fails the need, or nil when it does not.
    private func failure(of entry: Int, at index: Int) -> Gap.Service? {
        // The service's fields are read in place, not copied out of the list.
        let id = program.entries.services[entry].id
        let verdict = evaluator.verdict(index, analysis)
        switch verdict.status {
        case .needs_info:
            return nil
        case .eligible, .reachable:
            guard let cost = program.entries.services[entry].patientCost, cost.percent > 0,
                  program.unaffordableWhen[entry] >= 0, holdsBefore(program.unaffordableWhen[entry]) == .yes else { return nil }
            return Gap.Service(id: id, title: name(of: index), status: .unaffordable,
                               why: "\(cost.description), which the patient cannot pay")
        case .ineligible:
            let outcome = explain(verdict, withWaysOut: false)
            return Gap.Service(id: id, title: name(of: index), status: .ineligible, why: outcome.reasons.first?.text ?? outcome.summary)
        case .blocked:
            // What the root cause itself fails on says why it cannot be had.
            let root = verdict.rootCause.map { explain(evaluator.verdict($0, analysis), withWaysOut: false).summary }
            return Gap.Service(id: id, title: name(of: index), status: .blocked,
                               why: explain(verdict, withWaysOut: false).summary + (root.map { " (\($0))" } ?? ""))
        case .deadlocked:
            return Gap.Service(id: id, title: name(of: index), status: .deadlocked, why: explain(verdict, withWaysOut: false).summary)
        }
    }

    /// A need's condition on the patient's own facts, in three-valued logic.
    /// A compiled condition on the patient's own facts (before any step); -1 holds.
    func holdsBefore(_ node: Int32) -> Kleene {
        node < 0 ? .yes : before.eval(node, true)
    }
}

extension String {
    /// The text with its first letter in lower case, to go inside a sentence.
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}

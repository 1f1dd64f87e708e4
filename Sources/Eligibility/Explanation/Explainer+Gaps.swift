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
            guard !meeting.isEmpty, (need.when.map { holds($0) } ?? .yes) == .yes else { continue }
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
                  let when = cost.unaffordableWhen, holds(when) == .yes else { return nil }
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
    func holds(_ condition: Condition) -> Kleene {
        switch condition {
        case .all(let parts, _): return parts.reduce(.yes) { min($0, holds($1)) }
        case .any(let parts, _): return parts.reduce(.no) { max($0, holds($1)) }
        case .not(let inner, _):
            switch holds(inner) {
            case .yes: return .no
            case .no: return .yes
            case .unknown: return .unknown
            }
        case .compare(let comparison, _): return holds(comparison)
        }
    }

    private func holds(_ comparison: Comparison) -> Kleene {
        guard let slot = program.slot(comparison.fact) else { return .unknown }
        let value = before.initial[slot]
        if case .known(let flag) = comparison.test { return value.isKnown == flag ? .yes : .no }
        guard value.isKnown else { return .unknown }
        func same(_ literal: Literal) -> Bool {
            guard let fact = literal.value else { return false }
            if let x = fact.numeric, value.tag == .integer || value.tag == .number { return value.numeric == x }
            return program.slotValue(fact) == value
        }
        func number(_ literal: Literal) -> Double? { literal.value?.numeric }
        let result: Bool
        switch comparison.test {
        case .equals(let l): result = same(l)
        case .oneOf(let ls): result = ls.contains(where: same)
        case .atLeast(let l): result = number(l).map { value.numeric >= $0 } ?? false
        case .atMost(let l): result = number(l).map { value.numeric <= $0 } ?? false
        case .between(let a, let b):
            result = (number(a).map { value.numeric >= $0 } ?? false) && (number(b).map { value.numeric <= $0 } ?? false)
        case .before(let l): result = dayOrdinal(l).map { Int64(value.bits) < $0 } ?? false
        case .after(let l): result = dayOrdinal(l).map { Int64(value.bits) > $0 } ?? false
        case .icd10(let ranges):
            let code = program.describe(value)
            result = ranges.contains { $0.contains(code) }
        case .olderThan, .within, .known:
            return .unknown  // refused in needs by lint; `known` is handled above
        }
        return result ? .yes : .no
    }

    private func dayOrdinal(_ literal: Literal) -> Int64? {
        if case .date(let day)? = literal.value { return Int64(day.ordinal) }
        return nil
    }
}

extension String {
    /// The text with its first letter in lower case, to go inside a sentence.
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}

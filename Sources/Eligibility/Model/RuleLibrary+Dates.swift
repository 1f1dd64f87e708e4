/// Rules in time. A criterion (any condition of a service's `criteria` or an action's
/// `when`) may carry `valid_from` / `valid_to`: on a date outside its period it is not part
/// of the rule at all, as if it were not written (an `all` or `any` goes on with the rest;
/// a `not` of it, and an `all`/`any` left with nothing, leave too; criteria left with
/// nothing are no criteria). Two versions of one threshold are two dated siblings that
/// follow each other (`lint` refuses overlaps and gaps). A whole service or action with a
/// period is offered only within it (and within its rule set's).
///
/// The dates on which some criterion enters or leaves force cut time into periods; within
/// one, the rules are one plain rule set, compiled once (`inForce(on:)`).
extension RuleLibrary {
    /// Every day on which some criterion enters or leaves force (a `valid_from`, the day
    /// after a `valid_to`), sorted, each once.
    public var criterionBoundaries: [Day] {
        var days = Set<Day>()
        let roots = services.compactMap(\.criteria) + actions.compactMap(\.when)
        for period in roots.flatMap(\.nodes).compactMap(\.note.inForce) {
            if let from = period.from { days.insert(from) }
            if let to = period.to, to < Day.latestWritten { days.insert(Day(ordinal: to.ordinal + 1)) }
        }
        return days.sorted()
    }

    /// The library as it reads on `day`: criteria out of force removed.
    public func inForce(on day: Day) -> RuleLibrary {
        var copy = self
        for s in copy.ruleSets.indices {
            for i in copy.ruleSets[s].services.indices {
                copy.ruleSets[s].services[i].criteria = copy.ruleSets[s].services[i].criteria.flatMap { Self.project($0, on: day) }
            }
            for i in copy.ruleSets[s].actions.indices {
                copy.ruleSets[s].actions[i].when = copy.ruleSets[s].actions[i].when.flatMap { Self.project($0, on: day) }
            }
        }
        return copy
    }

    /// The condition on `day`, or nil when none of it is in force.
    static func project(_ condition: Condition, on day: Day) -> Condition? {
        if let period = condition.note.inForce, !period.contains(day) { return nil }
        switch condition {
        case .all(let parts, let note):
            let kept = parts.compactMap { project($0, on: day) }
            return kept.isEmpty ? nil : .all(kept, note)
        case .any(let parts, let note):
            let kept = parts.compactMap { project($0, on: day) }
            return kept.isEmpty ? nil : .any(kept, note)
        case .not(let inner, let note):
            return project(inner, on: day).map { .not($0, note) }
        case .compare:
            return condition
        }
    }
}

/// Rules in time (`RuleLibrary+Dates`): dates go on the criteria of services and actions
/// and on whole services and actions; the versions of one criterion follow each other.
extension LibraryValidator {
    mutating func checkDates() {
        for file in files {
            let set = file.ruleSet
            let sink = file.sink
            for service in set.services {
                checkVersions(service.criteria, sink: sink)
                checkWithinRuleSet(service.inForce, "service '\(service.id)'", set, sink: sink)
                for prerequisite in service.requires { refuseDates(prerequisite.when, "a prerequisite's 'when'", sink: sink) }
                refuseDates(service.patientCost?.unaffordableWhen, "a patient cost's 'unaffordable_when'", sink: sink)
            }
            for action in set.actions {
                checkVersions(action.when, sink: sink)
                checkWithinRuleSet(action.inForce, "action '\(action.id)'", set, sink: sink)
                for prerequisite in action.requires { refuseDates(prerequisite.when, "a prerequisite's 'when'", sink: sink) }
            }
            for need in set.needs { refuseDates(need.when, "a need's 'when'", sink: sink) }
            for alert in set.alerts { refuseDates(alert.when, "an alert's 'when'", sink: sink) }
            for derived in set.derived {
                if case .cases(let cases, _) = derived.rule {
                    for entry in cases { refuseDates(entry.when, "a derived fact's case", sink: sink) }
                }
            }
        }
    }

    /// Within every `all`/`any`, the dated comparisons of one fact are versions of one
    /// criterion: their periods may neither overlap (two thresholds on one day) nor leave
    /// a gap (a day with none).
    private func checkVersions(_ condition: Condition?, sink: DiagnosticSink) {
        guard let condition else { return }
        switch condition {
        case .all(let parts, _), .any(let parts, _):
            var byFact: [String: [(period: InForce, location: SourceLocation)]] = [:]
            var order: [String] = []
            for part in parts {
                guard case .compare(let comparison, let note) = part, let period = note.inForce else { continue }
                if byFact[comparison.fact] == nil { order.append(comparison.fact) }
                byFact[comparison.fact, default: []].append((period, period.location))
            }
            for fact in order {
                let versions = byFact[fact]!.sorted { ($0.period.from?.ordinal ?? .min) < ($1.period.from?.ordinal ?? .min) }
                for (earlier, later) in zip(versions, versions.dropFirst()) {
                    guard let end = earlier.period.to else {
                        sink.error("two versions of the criterion on '\(fact)' are in force at once: the one at line \(earlier.location.line) has no 'valid_to' and this one starts \(later.period.from.map { "\($0)" } ?? "always")",
                                   at: later.location)
                        continue
                    }
                    guard let start = later.period.from, start > end else {
                        sink.error("two versions of the criterion on '\(fact)' overlap: the one at line \(earlier.location.line) is in force until \(end) and this one \(later.period.text)",
                                   at: later.location)
                        continue
                    }
                    if start.ordinal != end.ordinal + 1 {
                        sink.error("the versions of the criterion on '\(fact)' leave a gap: the one at line \(earlier.location.line) ends \(end) and this one starts \(start); expected 'valid_from: \(Day(ordinal: end.ordinal + 1))' (on the days between, no version applies)",
                                   at: later.location)
                    }
                }
            }
            parts.forEach { checkVersions($0, sink: sink) }
        case .not(let inner, _):
            checkVersions(inner, sink: sink)
        case .compare:
            break
        }
    }

    private func checkWithinRuleSet(_ period: InForce?, _ what: String, _ set: RuleSet, sink: DiagnosticSink) {
        guard let period else { return }
        let setPeriod = InForce(from: set.validFrom, to: set.validTo, location: period.location)
        let startsAfterSet = set.validTo.map { end in period.from.map { $0 > end } ?? false } ?? false
        let endsBeforeSet = period.to.map { $0 < set.validFrom } ?? false
        if startsAfterSet || endsBeforeSet {
            sink.error("\(what) is in force \(period.text), outside its rule set (\(setPeriod.text)): it is never offered", at: period.location)
        }
    }

    /// Dates only where a period has a meaning: elsewhere a condition is read on every date.
    private func refuseDates(_ condition: Condition?, _ place: String, sink: DiagnosticSink) {
        for period in (condition?.nodes ?? []).compactMap(\.note.inForce) {
            sink.error("'valid_from'/'valid_to' date the criteria of services and actions (or a whole service or action); \(place) is read on every date",
                       at: period.location)
        }
    }
}

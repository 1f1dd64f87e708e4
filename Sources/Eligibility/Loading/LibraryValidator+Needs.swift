/// Needs and what services cost the patient: every need is declared once, cited, met by a
/// service and read by conditions the gap finder can evaluate; every service names needs
/// that exist and cites its cost.
extension LibraryValidator {
    mutating func checkNeeds() {
        var first: [String: RuleOrigin] = [:]
        for index in files.indices {
            let sink = files[index].sink
            let typer = LiteralTyper(catalog: catalog, sink: sink)
            var typed: [Need] = []
            for var need in files[index].ruleSet.needs {
                if let earlier = first[need.id] {
                    sink.error("need '\(need.id)' is declared twice (first at \(earlier.reference))", at: need.origin.location)
                    continue
                }
                first[need.id] = need.origin
                checkCitations(need.sources, because: need.because ?? need.title, subject: "need '\(need.id)'",
                               at: need.origin.location, sink: sink)
                if let when = need.when {
                    markRead(when)
                    for comparison in when.comparisons {
                        switch comparison.test {
                        case .olderThan, .within:
                            sink.error("a need's 'when' compares facts with values; 'older_than' and 'within' are for services", at: comparison.factLocation)
                        default: break
                        }
                    }
                    need.when = typer.typed(when)
                }
                typed.append(need)
            }
            files[index].ruleSet.needs = typed
        }
        for index in files.indices {
            let sink = files[index].sink
            let typer = LiteralTyper(catalog: catalog, sink: sink)
            files[index].ruleSet.alerts = files[index].ruleSet.alerts.compactMap { alert in
                var typed = alert
                checkSourceIds(alert.sources, subject: "alert '\(alert.id)'", at: alert.origin.location, sink: sink)
                markRead(alert.when)
                guard let when = typer.typed(alert.when) else { return nil }
                typed.when = when
                return typed
            }
        }
        var met: Set<String> = []
        for index in files.indices {
            let file = files[index]
            let typer = LiteralTyper(catalog: catalog, sink: file.sink)
            for (s, service) in file.ruleSet.services.enumerated() {
                for ref in service.needs {
                    if first[ref.id] == nil {
                        file.sink.error("service '\(service.id)' meets unknown need '\(ref.id)'\(Suggestion.hint(for: ref.id, among: first.keys.sorted()))",
                                        at: ref.location)
                    }
                    met.insert(ref.id)
                }
                if var cost = service.patientCost {
                    checkCitations(cost.sources, because: cost.description, subject: "the patient cost of service '\(service.id)'",
                                   at: cost.origin.location, sink: file.sink)
                    if let when = cost.unaffordableWhen {
                        markRead(when)
                        cost.unaffordableWhen = typer.typed(when)
                        files[index].ruleSet.services[s].patientCost = cost
                    }
                }
            }
        }
        for file in files {
            for need in file.ruleSet.needs where !met.contains(need.id) {
                file.sink.error("need '\(need.id)' is met by no service; name it in a service's 'need:'", at: need.origin.location)
            }
        }
    }
}

extension DiffReport {
    /// The report for scripts: the headline, the services shown (those that change, or all)
    /// with their transition matrix (rows: current status, columns: proposed, in the order
    /// of `statuses`), deadlocks, breakdowns and bad lines.
    public func json(base: String, proposed: String, all: Bool = false) -> String {
        let shown = shownServices(all: all)
        let changes = serviceChanges
        var w = JSONWriter()
        w.object { w in
            w.key("cohort"); w.string(file)
            w.key("current"); w.string(base)
            w.key("proposed"); w.string(proposed)
            if let currentAsOf { w.key("as_of"); w.string(currentAsOf.description) }
            if let proposedAsOf, proposedAsOf != currentAsOf { w.key("as_of_proposed"); w.string(proposedAsOf.description) }
            w.key("lines_read"); w.number(linesRead)
            w.key("evaluated"); w.number(evaluated)
            w.key("rejected"); w.number(rejected)
            w.key("statuses"); w.strings(CohortStatus.allCases.map(\.name))
            w.key("headline"); w.object { w in
                w.key("patients"); w.number(evaluated)
                w.key("patients_changed"); w.number(patientsChanged)
                w.key("people_gaining"); w.number(people.gained)
                w.key("people_losing"); w.number(people.lost)
                w.key("people_deadlock_appears"); w.number(people.deadlockAppears)
                w.key("people_deadlock_vanishes"); w.number(people.deadlockVanishes)
                w.key("services"); w.array { w in
                    for change in changes where change.moved > 0 { Self.write(change, into: &w) }
                }
                w.key("deadlocks_appear"); w.number(deadlocksAppear)
                w.key("deadlocks_vanish"); w.number(deadlocksVanish)
            }
            w.key("services"); w.array { w in
                for s in shown {
                    w.object { w in
                        Self.fields(changes[s], matrix: transitions[s], into: &w)
                        for (name, counts) in [("current", baseCounts[s]), ("proposed", proposedCounts[s])] {
                            w.key(text: name); w.object { w in
                                for status in CohortStatus.allCases { w.key(text: status.name); w.number(counts[status]) }
                            }
                        }
                        w.key("transitions"); w.array { w in
                            for from in CohortStatus.allCases {
                                for to in CohortStatus.allCases where from != to && transitions[s][from, to] > 0 {
                                    w.object { w in
                                        w.key("from"); w.string(from.name)
                                        w.key("to"); w.string(to.name)
                                        w.key("count"); w.number(transitions[s][from, to])
                                        w.key("examples"); w.strings(examples[Transition(service: services[s], from: from, to: to)] ?? [])
                                    }
                                }
                            }
                        }
                    }
                }
            }
            w.key("deadlocks"); w.array { w in
                for d in deadlocks {
                    w.object { w in
                        w.key("cycle"); w.strings(d.cycle)
                        w.key("current"); w.number(d.base)
                        w.key("proposed"); w.number(d.proposed)
                        w.key("gained"); w.number(d.gained)
                        w.key("lost"); w.number(d.lost)
                    }
                }
            }
            w.key("breakdowns"); w.array { w in
                for breakdown in breakdowns {
                    w.object { w in
                        w.key("fact"); w.string(breakdown.fact)
                        w.key("groups"); w.array { w in
                            for group in breakdown.groups { write(group, shown: shown, into: &w) }
                        }
                    }
                }
            }
            w.key("bad_lines"); w.array { w in
                for bad in badLines {
                    w.object { w in
                        w.key("line"); w.number(bad.line)
                        w.key("column"); w.number(bad.column)
                        w.key("error"); w.string(bad.message)
                    }
                }
            }
        }
        return w.text + "\n"
    }

    private func write(_ group: Group, shown: [Int], into w: inout JSONWriter) {
        let figures = services.indices.map { group.serviceChange($0, of: services) }
        w.object { w in
            w.key("name"); w.string(group.name)
            w.key("patients"); w.number(group.patients)
            w.key("patients_changed"); w.number(group.patientsChanged)
            w.key("gained"); w.number(figures.reduce(0) { $0 + $1.gained })
            w.key("lost"); w.number(figures.reduce(0) { $0 + $1.lost })
            w.key("deadlocks_appear"); w.number(group.deadlocksAppear)
            w.key("deadlocks_vanish"); w.number(group.deadlocksVanish)
            w.key("services"); w.array { w in
                for s in shown {
                    w.object { w in Self.fields(figures[s], matrix: group.transitions[s], into: &w) }
                }
            }
        }
    }

    private static func write(_ change: ServiceChange, into w: inout JSONWriter) {
        w.object { w in
            w.key("id"); w.string(change.service)
            w.key("gained"); w.number(change.gained)
            w.key("lost"); w.number(change.lost)
            w.key("net"); w.number(change.net)
            w.key("moved"); w.number(change.moved)
        }
    }

    private static func fields(_ change: ServiceChange, matrix: TransitionCounts, into w: inout JSONWriter) {
        w.key("id"); w.string(change.service)
        w.key("gained"); w.number(change.gained)
        w.key("lost"); w.number(change.lost)
        w.key("net"); w.number(change.net)
        w.key("moved"); w.number(change.moved)
        w.key("matrix"); w.array { w in
            for from in CohortStatus.allCases { w.array { w in for to in CohortStatus.allCases { w.number(matrix[from, to]) } } }
        }
    }
}

extension DiffReport {
    /// Thousands separated by commas: 1,204.
    static func count(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, ch) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return String(out.reversed())
    }

    /// A readable report for a policy analyst.
    public func text(base: String, proposed: String) -> String {
        var out = "Rule change over \(file)\n  current:  \(base)\n  proposed: \(proposed)\n"
        out += "Lines read: \(Self.count(linesRead)); evaluated: \(Self.count(evaluated)); rejected: \(Self.count(rejected))\n\n"
        let changes = self.changes
        if changes.isEmpty && deadlocks.allSatisfy({ $0.gained == 0 && $0.lost == 0 }) {
            out += "No patient changes status and no deadlock appears or disappears.\n\n"
        }
        let width = max(30, services.map(\.count).max() ?? 0)
        out += "Statuses per service (current -> proposed):\n"
        let evaluated = CohortStatus.allCases.filter { $0 != .notEvaluated }
        out += ("  " + "service".padding(width) + "  " + evaluated.map { $0.name.padding(17) }.joined()).trimmingTrailingSpaces + "\n"
        for (s, service) in services.enumerated() {
            let cells = evaluated.map { status -> String in
                let a = baseCounts[s][status], b = proposedCounts[s][status]
                return (a == b ? Self.count(a) : "\(Self.count(a))->\(Self.count(b))").padding(17)
            }
            out += ("  " + service.padding(width) + "  " + cells.joined()).trimmingTrailingSpaces + "\n"
        }
        if !changes.isEmpty {
            out += "\nWho changes:\n"
            for (transition, count) in changes {
                out += "  \(transition.service): \(transition.from.name) -> \(transition.to.name): \(Self.count(count))"
                let ids = examples[transition] ?? []
                if !ids.isEmpty { out += "  e.g. \(ids.joined(separator: ", "))" }
                out += "\n"
            }
        }
        if !deadlocks.isEmpty {
            out += "\nDeadlocks (patients; gained and lost under the proposed rules):\n"
            for d in deadlocks {
                out += "  +\(Self.count(d.gained)) -\(Self.count(d.lost))  current \(Self.count(d.base)), proposed \(Self.count(d.proposed)): \((d.cycle + d.cycle.prefix(1)).joined(separator: " -> "))\n"
            }
        }
        if !badLines.isEmpty {
            out += "\nRejected lines" + (rejected > badLines.count ? " (first \(badLines.count) of \(Self.count(rejected)))" : "") + ":\n"
            for bad in badLines.prefix(50) { out += "  \(file):\(bad.line):\(bad.column): error: \(bad.message)\n" }
            if badLines.count > 50 { out += "  ... \(badLines.count - 50) more (see --format json)\n" }
        }
        return out
    }

    /// The same for scripts.
    public func json(base: String, proposed: String) -> String {
        var w = JSONWriter()
        w.object { w in
            w.key("cohort"); w.string(file)
            w.key("current"); w.string(base)
            w.key("proposed"); w.string(proposed)
            w.key("lines_read"); w.number(linesRead)
            w.key("evaluated"); w.number(evaluated)
            w.key("rejected"); w.number(rejected)
            w.key("services"); w.array { w in
                for (s, service) in services.enumerated() {
                    w.object { w in
                        w.key("id"); w.string(service)
                        for (name, counts) in [("current", baseCounts[s]), ("proposed", proposedCounts[s])] {
                            w.key(name); w.object { w in
                                for status in CohortStatus.allCases { w.key(status.name); w.number(counts[status]) }
                            }
                        }
                        w.key("transitions"); w.array { w in
                            for from in CohortStatus.allCases {
                                for to in CohortStatus.allCases where from != to && transitions[s][from, to] > 0 {
                                    w.object { w in
                                        w.key("from"); w.string(from.name)
                                        w.key("to"); w.string(to.name)
                                        w.key("count"); w.number(transitions[s][from, to])
                                        w.key("examples"); w.strings(examples[Transition(service: service, from: from, to: to)] ?? [])
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
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}

extension DiffReport {
    /// Thousands separated by commas: 1,204.
    static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + String(out.reversed())
    }

    /// A signed count: +1,204, -3, +0.
    static func signed(_ n: Int) -> String { (n < 0 ? "" : "+") + count(n) }

    /// How many rejected lines a text or HTML report shows.
    static let rejectedShown = 20

    /// A share as a percentage with one decimal: 12.5 %.
    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0.0 %" }
        let tenths = (part * 1000 + whole / 2) / whole
        return "\(tenths / 10).\(tenths % 10) %"
    }

    /// The headline sentence: how many patients change at all.
    var headlineSentence: String {
        "\(Self.count(patientsChanged)) of \(Self.count(evaluated)) patients (\(Self.percent(patientsChanged, of: evaluated))) change status for at least one service."
    }

    /// People first: how many patients gain, lose, meet or leave a deadlock; each patient
    /// once, however many services change for them.
    var peopleLines: [String] {
        [
            "People who gain at least one service: \(Self.count(people.gained)) (\(Self.percent(people.gained, of: evaluated)))",
            "People who lose at least one service: \(Self.count(people.lost)) (\(Self.percent(people.lost, of: evaluated)))",
            "People caught in a new deadlock: \(Self.count(people.deadlockAppears)); out of one: \(Self.count(people.deadlockVanishes))",
        ]
    }

    /// A readable report for a policy analyst: the headline first, then the services that
    /// change (every service with `all`), who changes, deadlocks and the breakdowns.
    public func text(base: String, proposed: String, all: Bool = false) -> String {
        var out = "Rule change over \(file)\n  current:  \(base)\(dated(currentAsOf))\n  proposed: \(proposed)\(dated(proposedAsOf))\n"
        out += "Lines read: \(Self.count(linesRead)); evaluated: \(Self.count(evaluated)); rejected: \(Self.count(rejected))\n\n"
        let changes = serviceChanges
        let moving = changes.filter { $0.moved > 0 }
        if moving.isEmpty && deadlocksAppear == 0 && deadlocksVanish == 0 {
            out += "No patient changes status and no deadlock appears or disappears.\n"
        } else {
            out += headlineSentence + "\n"
            for line in peopleLines { out += "  " + line + "\n" }
            if !moving.isEmpty {
                out += "Gained and lost per service (gained: to eligible or reachable from a worse status; lost: the reverse):\n"
                out += headlineTable(moving)
            }
            out += "Deadlocks: appear for \(Self.count(deadlocksAppear)) and vanish for \(Self.count(deadlocksVanish)) patient-cycles.\n"
        }
        let shown = shownServices(all: all)
        if !shown.isEmpty {
            out += "\nStatuses per service" + (all ? "" : " that changes") + " (current -> proposed" + (all ? "" : "; --all for every service") + "):\n"
            out += statusTable(shown)
        }
        let rows = self.changes
        if !rows.isEmpty {
            out += "\nWho changes:\n"
            for (transition, count) in rows {
                out += "  \(title(transition.service)): \(transition.from.name) -> \(transition.to.name): \(Self.count(count))"
                let ids = examples[transition] ?? []
                if !ids.isEmpty { out += "  e.g. \(ids.joined(separator: ", "))" }
                out += "\n"
            }
        }
        if !deadlocks.isEmpty {
            out += "\nDeadlocks (patients; gained and lost under the proposed rules):\n"
            for d in deadlocks {
                out += "  +\(Self.count(d.gained)) -\(Self.count(d.lost))  current \(Self.count(d.base)), proposed \(Self.count(d.proposed)): \(cycleTitles(d))\n"
            }
        }
        for breakdown in breakdowns { out += "\n" + text(breakdown, shown: shown) }
        if !badLines.isEmpty {
            // The first ones, to see what kind of problem it is; all of them with --rejected.
            let shown = badLines.prefix(Self.rejectedShown)
            out += "\nRejected lines" + (rejected > shown.count ? " (first \(shown.count) of \(Self.count(rejected)); all with --rejected FILE)" : "") + ":\n"
            for bad in shown { out += "  \(file):\(bad.line):\(bad.column): error: \(bad.message)\n" }
        }
        return out
    }

    private func headlineTable(_ rows: [ServiceChange]) -> String {
        let width = max(7, rows.map { title($0.service).count }.max() ?? 0)
        var out = "  " + "service".padding(width) + "    gained      lost       net\n"
        for row in rows.sorted(by: { (abs($0.net), $0.gained + $0.lost, $1.service) > (abs($1.net), $1.gained + $1.lost, $0.service) }) {
            out += "  " + title(row.service).padding(width) + Self.right(Self.signed(row.gained), 10)
                + Self.right("-" + Self.count(row.lost), 10) + Self.right(Self.signed(row.net), 10) + "\n"
        }
        return out
    }

    private func statusTable(_ shown: [Int]) -> String {
        let width = max(30, shown.map { title(services[$0]).count }.max() ?? 0)
        let evaluated = CohortStatus.allCases.filter { $0 != .notEvaluated }
        var out = ("  " + "service".padding(width) + "  " + evaluated.map { $0.name.padding(17) }.joined()).trimmingTrailingSpaces + "\n"
        for s in shown {
            let cells = evaluated.map { status -> String in
                let a = baseCounts[s][status], b = proposedCounts[s][status]
                return (a == b ? Self.count(a) : "\(Self.count(a))->\(Self.count(b))").padding(17)
            }
            out += ("  " + title(services[s]).padding(width) + "  " + cells.joined()).trimmingTrailingSpaces + "\n"
        }
        return out
    }

    /// One `--by` breakdown: a row per group, then each shown service's gains and losses by group.
    private func text(_ breakdown: Breakdown, shown: [Int]) -> String {
        var out = "By \(breakdown.fact):\n"
        let width = max(5, breakdown.groups.map(\.name.count).max() ?? 0)
        out += "  " + "group".padding(width) + "    patients   changed    gained      lost   deadlocks +/-\n"
        for group in breakdown.groups {
            let figures = services.indices.map { group.serviceChange($0, of: services) }
            out += "  " + group.name.padding(width) + Self.right(Self.count(group.patients), 12)
                + Self.right(Self.count(group.patientsChanged), 10)
                + Self.right(Self.signed(figures.reduce(0) { $0 + $1.gained }), 10)
                + Self.right("-" + Self.count(figures.reduce(0) { $0 + $1.lost }), 10)
                + "   +\(Self.count(group.deadlocksAppear)) -\(Self.count(group.deadlocksVanish))\n"
        }
        for s in shown {
            let parts = breakdown.groups.compactMap { group -> String? in
                let change = group.serviceChange(s, of: services)
                return change.gained == 0 && change.lost == 0 ? nil : "\(group.name) \(Self.signed(change.gained)) -\(Self.count(change.lost))"
            }
            out += "  \(title(services[s])): " + (parts.isEmpty ? "no gains or losses" : parts.joined(separator: "; ")) + "\n"
        }
        return out
    }

    static func right(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(1, width - text.count)) + text
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}

extension DiffReport {
    /// ` (as of 2027-01-01)` when the two sides were read on different dates.
    func dated(_ day: Day?) -> String {
        guard currentAsOf != proposedAsOf, let day else { return "" }
        return " (as of \(day))"
    }
}

extension PatientChange.RuleLine {
    /// How the rule line came out on its side: it holds (the service is had), fails
    /// (ineligible), is unknown (needs information) or makes the service wait (blocked, deadlocked).
    public var outcome: String {
        switch status {
        case .eligible?, .reachable?: return "holds"
        case .ineligible?: return "fails"
        case .needs_info?: return "unknown"
        case .blocked?, .deadlocked?: return "waits"
        case nil: return "not offered"
        }
    }
}

extension PatientChange {
    /// Both sides in columns, then each changed service with the rule lines that differ.
    public func text(cohort: String, base: String, proposed: String) -> String {
        var out = "Patient \(patient) (\(jurisdiction ?? "no jurisdiction")), line \(line) of \(cohort), as of \(asOf)\n"
        out += "  current:  \(base)\n  proposed: \(proposed)\(proposedAsOf.map { " (as of \($0))" } ?? "")\n"
        let changed = rows.filter(\.changed)
        out += "\(changed.count) of \(rows.count) services change.\n\n"
        let width = max(7, rows.map(\.id.count).max() ?? 0)
        out += "  " + "service".padding(width) + "  " + "current".padding(12) + "proposed\n"
        for row in rows {
            out += (row.changed ? "* " : "  ") + row.id.padding(width) + "  "
                + (row.current?.status.rawValue ?? "-").padding(12) + (row.proposed?.status.rawValue ?? "-") + "\n"
        }
        for row in changed {
            out += "\n\(row.id) — \(row.title)\n"
            out += "  current:  " + Self.words(row.current) + "\n"
            out += "  proposed: " + Self.words(row.proposed) + "\n"
            let lines = ruleLines[row.id] ?? []
            if !lines.isEmpty { out += "  rule lines whose outcome differs:\n" }
            for line in lines {
                out += "    " + line.side.rawValue.padding(9) + line.outcome.padding(8) + line.reason.rule + "  "
                    + (line.reason.condition ?? line.reason.text)
                if let seen = line.reason.seen { out += " [\(seen)]" }
                out += "\n"
                if line.reason.condition != nil, line.reason.text != line.reason.condition {
                    out += String(repeating: " ", count: 21) + line.reason.text + "\n"
                }
            }
        }
        return out
    }

    /// A status with its summary, the status named once.
    static func words(_ side: ServiceOutcome.Summary?) -> String {
        guard let side else { return "not offered" }
        let name = side.status.rawValue
        return side.summary.hasPrefix(name) ? side.summary : "\(name): \(side.summary)"
    }

    /// The same for scripts.
    public func json(cohort: String, base: String, proposed: String) -> String {
        var w = JSONWriter()
        w.object { w in
            w.key("patient"); w.string(patient)
            w.key("cohort"); w.string(cohort)
            w.key("line"); w.number(line)
            w.key("as_of"); w.string(asOf.description)
            if let proposedAsOf { w.key("as_of_proposed"); w.string(proposedAsOf.description) }
            w.key("jurisdiction"); w.optional(jurisdiction)
            w.key("current"); w.string(base)
            w.key("proposed"); w.string(proposed)
            w.key("services"); w.array { w in
                for row in rows {
                    w.object { w in
                        w.key("id"); w.string(row.id)
                        w.key("title"); w.string(row.title)
                        w.key("changed"); w.bool(row.changed)
                        for (name, side) in [("current", row.current), ("proposed", row.proposed)] {
                            w.key(text: name)
                            if let side {
                                w.object { w in
                                    w.key("status"); w.string(side.status.rawValue)
                                    w.key("summary"); w.string(side.summary)
                                }
                            } else {
                                w.optional(nil)
                            }
                        }
                        guard row.changed else { return }
                        w.key("rules"); w.array { w in
                            for line in ruleLines[row.id] ?? [] {
                                w.object { w in
                                    w.key("side"); w.string(line.side.rawValue)
                                    w.key("outcome"); w.string(line.outcome)
                                    w.key("rule"); w.string(line.reason.rule)
                                    w.key("text"); w.string(line.reason.text)
                                    w.key("condition"); w.optional(line.reason.condition)
                                    w.key("seen"); w.optional(line.reason.seen)
                                    w.key("source"); w.string(line.reason.source)
                                }
                            }
                        }
                    }
                }
            }
        }
        return w.text + "\n"
    }
}

extension StoredCase {
    /// The case as the API returns it; with its history when given.
    func json(history: [CaseChange]? = nil) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("id", .integer(Int(id))),
            ("label", .string(label)),
            ("team", .string(team)),
            ("version", .integer(version)),
            ("created_at", .string(createdAt)),
            ("updated_at", .string(updatedAt)),
            ("facts", facts.profile()),
        ]
        if let history { pairs.append(("history", .array(history.map(\.json)))) }
        pairs.append(("evaluation", evaluation?.json ?? .null))
        pairs.append(("status_change", statusChange?.json ?? .null))
        return .object(pairs)
    }
}

extension CaseChange {
    var json: JSONValue {
        .object([("at", .string(at)), ("version", .integer(version)), ("fact", .string(field)),
                 ("old", old.map(JSONValue.string) ?? .null), ("new", new.map(JSONValue.string) ?? .null), ("by", .string(by))])
    }
}

extension CaseEvaluation {
    var json: JSONValue {
        .object([
            ("rules_version", .string(rulesVersion)),
            ("as_of", .string(asOf)),
            ("statuses", .array(statuses.map { .object([("id", .string($0.id)), ("title", .string($0.title)),
                                                        ("status", .string($0.status.rawValue))]) })),
            ("deadlines", .array(dueSteps.map(\.json))),
            ("problem", problem.map(JSONValue.string) ?? .null),
        ])
    }
}

extension CaseEvaluation.DueStep {
    var json: JSONValue {
        .object([("step", .integer(step)), ("do", .string(does)), ("who", .string(who)), ("deadline", .string(deadline))])
    }
}

extension StatusChange {
    var json: JSONValue {
        .object([
            ("rules_version", .string(rulesVersion)),
            ("services", .array(entries.map {
                .object([("id", .string($0.service)), ("title", .string($0.title)),
                         ("from", $0.from.map { .string($0.rawValue) } ?? .null), ("to", .string($0.to.rawValue))])
            })),
        ])
    }
}

/// Reads one rule file into a `RuleSet`, collecting every problem of the file.
struct RuleSetDecoder {
    let sink: DiagnosticSink
    private var conditions: ConditionDecoder { ConditionDecoder(sink: sink) }

    static let topLevel = ["ruleset", "agency", "jurisdiction", "version", "valid_from", "valid_to",
                           "description", "sources", "facts", "derived", "services", "actions", "needs", "alerts", "tests"]
    static let jurisdictions = ["DK", "SE", "NO"]

    func decode(_ root: YAMLNode) -> RuleSet? {
        guard let file = MappingReader(root, subject: "the rule file", sink: sink) else { return nil }
        file.rejectUnknownKeys(allowed: Self.topLevel)
        let id = file.text("ruleset", required: true)
        let version = file.text("version", required: true)
        if let node = file.value("version"), let resolved = node.scalar?.resolved, !resolved.isTextOrNull {
            // Written bare, 2026.10 would read as the number 2026.1.
            sink.error("'version' must be text in quotes, like \"2026.1\"; found \(node.kindDescription)", at: node.location)
        }
        let validFrom = file.date("valid_from", required: true)
        let validTo = file.date("valid_to")
        if let validFrom, let validTo, validTo < validFrom {
            sink.error("'valid_to' \(validTo) is before 'valid_from' \(validFrom)", at: file.value("valid_to")?.location)
        }
        let jurisdiction = file.text("jurisdiction")
        if let jurisdiction, !Self.jurisdictions.contains(jurisdiction) {
            sink.error("'jurisdiction' must be one of DK, SE, NO; found '\(jurisdiction)'", at: file.value("jurisdiction")?.location)
        }
        let agency = file.text("agency")
        let services = file.entries("services").compactMap { service($0, agency: agency, jurisdiction: jurisdiction) }
        let actions = file.entries("actions").compactMap { action($0, jurisdiction: jurisdiction) }
        if agency == nil, !services.isEmpty || !actions.isEmpty {
            sink.error("the rule file is missing required field 'agency' (it defines services or actions)", at: root.location)
        }
        var result = RuleSet(
            id: id ?? "", file: sink.file, agency: agency, jurisdiction: jurisdiction,
            version: version ?? "", validFrom: validFrom ?? Day(ordinal: 0), validTo: validTo,
            description: file.text("description"),
            sources: file.entries("sources").compactMap(source),
            facts: file.entries("facts").compactMap(fact),
            derived: file.entries("derived").compactMap(derived),
            services: services, actions: actions,
            needs: file.entries("needs").compactMap(need),
            alerts: file.entries("alerts").compactMap { alert($0, jurisdiction: jurisdiction) },
            tests: file.list("tests").compactMap(test))
        result.shownFile = sink.source.shownName
        return sink.diagnostics.isEmpty ? result : nil
    }

    private func name(_ pair: YAMLPair, _ what: String) -> String? {
        guard let text = pair.key.scalar?.text, !text.isEmpty else {
            sink.error("\(what) needs a name", at: pair.key.location)
            return nil
        }
        return text
    }

    private func source(_ pair: YAMLPair) -> Source? {
        guard let id = name(pair, "a source"),
              let reader = MappingReader(pair.value, subject: "source '\(id)'", sink: sink) else { return nil }
        reader.rejectUnknownKeys(allowed: ["kind", "cite", "url", "valid_from", "valid_to", "verified", "note"])
        let kind = reader.choice("kind", as: Source.Kind.self, required: true)
        let cite = reader.text("cite", required: true)
        let verified = reader.bool("verified") ?? true
        let note = reader.text("note")
        if !verified, note == nil {
            sink.error("source '\(id)' is marked verified: false and needs a 'note' saying what could not be confirmed", at: pair.key.location)
        }
        guard let kind, let cite else { return nil }
        return Source(id: id, kind: kind, cite: cite, url: reader.text("url"),
                      validFrom: reader.date("valid_from"), validTo: reader.date("valid_to"),
                      verified: verified, note: note, origin: sink.origin(pair.key.location))
    }

    private func factType(_ reader: MappingReader) -> FactType? {
        guard let typeNode = reader.required("type"),
              let type = MappingReader.text(typeNode, field: "type", sink: sink) else { return nil }
        let names = ["bool", "integer", "number", "string", "enum", "date"]
        switch type {
        case "bool": return .bool
        case "integer": return .integer
        case "number": return .number
        case "string": return .string
        case "date": return .date
        case "enum":
            let values = reader.texts("values")
            if values.isEmpty {
                sink.error("\(reader.subject) is an enum and needs a non-empty 'values' list", at: reader.keyLocation("type"))
                return nil
            }
            return .enumeration(values)
        default:
            sink.error("'type' must be one of \(names.joined(separator: ", ")); found '\(type)'\(Suggestion.hint(for: type, among: names))",
                       at: typeNode.location)
            return nil
        }
    }

    private func fact(_ pair: YAMLPair) -> FactDeclaration? {
        guard let name = name(pair, "a fact"),
              let reader = MappingReader(pair.value, subject: "fact '\(name)'", sink: sink) else { return nil }
        reader.rejectUnknownKeys(allowed: ["type", "values", "min", "max", "description", "informational", "format", "past_only", "question", "choices",
                                           "label", "nature", "changeable_by", "change_cost"])
        guard let type = factType(reader) else { return nil }
        let format = reader.choice("format", as: FactFormat.self)
        if format != nil, type != .string {
            sink.error("fact '\(name)' has a 'format'; only facts of type string can have one", at: reader.keyLocation("format"))
        }
        let pastOnly = reader.bool("past_only") ?? false
        if pastOnly, type != .date {
            sink.error("fact '\(name)' says 'past_only'; only facts of type date can", at: reader.keyLocation("past_only"))
        }
        guard let (min, max) = range(reader) else { return nil }
        var declaration = FactDeclaration(name: name, type: type, min: min, max: max,
                                          description: reader.text("description"),
                                          informational: reader.bool("informational") ?? false,
                                          format: format, pastOnly: pastOnly, question: reader.text("question"),
                                          choiceLabels: choiceLabels(reader, type: type),
                                          origin: sink.origin(pair.key.location))
        declaration.label = reader.text("label")
        declaration.nature = reader.choice("nature", as: FactNature.self) ?? (pastOnly ? .personal : .circumstance)
        declaration.changeCost = reader.text("change_cost")
        if reader.value("changeable_by") != nil {
            declaration.changeableBy = reader.list("changeable_by").compactMap { MappingReader.text($0, field: "changeable_by", sink: sink) }
            let location = reader.keyLocation("changeable_by")
            if declaration.nature != .circumstance {
                sink.error("fact '\(name)' is a \(declaration.nature.rawValue) fact and cannot be 'changeable_by' anyone: a way out never asks to change a clinical judgement, an age or date, or another agency's decision",
                           at: location)
            } else if type == .date {
                sink.error("fact '\(name)' is a date and cannot be 'changeable_by' anyone: a way out never asks to change a date", at: location)
            } else if declaration.changeableBy.isEmpty {
                sink.error("fact '\(name)' has an empty 'changeable_by'; name who can change it (e.g. [patient]) or leave the key out", at: location)
            }
        } else if declaration.changeCost != nil {
            sink.error("fact '\(name)' has 'change_cost' but no 'changeable_by'", at: reader.keyLocation("change_cost"))
        }
        return declaration
    }

    /// `choices: {value: label}` of an enum fact: every key one of its values.
    private func choiceLabels(_ reader: MappingReader, type: FactType) -> [String: String] {
        guard let node = reader.value("choices") else { return [:] }
        guard case .enumeration(let values) = type else {
            sink.error("\(reader.subject) has 'choices', but only an enum fact has choices", at: reader.keyLocation("choices"))
            return [:]
        }
        guard let labels = MappingReader(node, subject: "the choices of \(reader.subject)", sink: sink) else { return [:] }
        var result: [String: String] = [:]
        for pair in labels.pairs {
            guard let value = pair.key.scalar?.text else { continue }
            guard values.contains(value) else {
                sink.error("'\(value)' in the choices of \(reader.subject) is not one of its values (\(values.joined(separator: ", ")))\(Suggestion.hint(for: value, among: values))",
                           at: pair.key.location)
                continue
            }
            if let label = MappingReader.text(pair.value, field: value, sink: sink) { result[value] = label }
        }
        return result
    }

    /// A fact's `min` and `max`: finite, within `FactDeclaration.magnitudeLimit`, min <= max;
    /// nil (and an error at the number) when not.
    private func range(_ reader: MappingReader) -> (Double?, Double?)? {
        let limit = FactDeclaration.magnitudeLimit
        var bounds: [Double?] = []
        for key in ["min", "max"] {
            guard let node = reader.value(key), let x = reader.number(key) else {
                if reader.value(key) != nil { return nil }
                bounds.append(nil)
                continue
            }
            guard x.isFinite, abs(x) <= limit else {
                sink.error("'\(key)' must be a finite number from -\(Int(limit)) to \(Int(limit)); found \(node.kindDescription)", at: node.location)
                return nil
            }
            bounds.append(x)
        }
        if let low = bounds[0], let high = bounds[1], low > high, let node = reader.value("min") {
            sink.error("\(reader.subject) has 'min' above 'max': expected min <= max, found min \(FactValue.number(low)) and max \(FactValue.number(high))",
                       at: node.location)
            return nil
        }
        return (bounds[0], bounds[1])
    }

    private func derived(_ pair: YAMLPair) -> DerivedFact? {
        guard let name = name(pair, "a derived fact"),
              let reader = MappingReader(pair.value, subject: "derived fact '\(name)'", sink: sink) else { return nil }
        reader.rejectUnknownKeys(allowed: ["type", "values", "description", "source", "cases", "otherwise", "days_since", "label"])
        guard let type = factType(reader) else { return nil }
        let rule: DerivedFact.Rule
        if let since = reader.value("days_since") {
            guard let fact = MappingReader.text(since, field: "days_since", sink: sink) else { return nil }
            rule = .daysSince(fact: fact, location: since.location)
        } else if reader.value("cases") != nil {
            var cases: [(Condition, Literal)] = []
            for item in reader.list("cases") {
                guard let entry = MappingReader(item, subject: "a case of '\(name)'", sink: sink) else { continue }
                entry.rejectUnknownKeys(allowed: ["when", "value"])
                guard let when = entry.required("when").flatMap({ conditions.decode($0, field: "when") }),
                      let value = entry.required("value") else { continue }
                cases.append((when, Literal(node: value, value: nil)))
            }
            // Without `otherwise`, a patient whose facts are all known could still have no
            // value, and the services reading it would need information no question settles.
            guard let otherwise = reader.value("otherwise") else {
                sink.error("derived fact '\(name)' needs 'otherwise': its value when no case holds", at: pair.key.location)
                return nil
            }
            rule = .cases(cases, otherwise: Literal(node: otherwise, value: nil))
        } else {
            sink.error("derived fact '\(name)' needs 'cases' or 'days_since'", at: pair.key.location)
            return nil
        }
        var fact = DerivedFact(name: name, type: type, rule: rule, description: reader.text("description"),
                               sources: reader.sourceReferences(), origin: sink.origin(pair.key.location))
        fact.label = reader.text("label")
        return fact
    }

    private func prerequisites(_ reader: MappingReader) -> [Prerequisite] {
        reader.list("requires").compactMap { item in
            guard let entry = MappingReader(item, subject: "a prerequisite", sink: sink) else { return nil }
            entry.rejectUnknownKeys(allowed: ["service", "when", "because", "source", "quote"])
            guard let serviceNode = entry.required("service"),
                  let service = MappingReader.text(serviceNode, field: "service", sink: sink) else { return nil }
            return Prerequisite(service: service, serviceLocation: serviceNode.location,
                                when: entry.value("when").flatMap { conditions.decode($0, field: "when") },
                                because: entry.text("because"), sources: entry.sourceReferences(),
                                quotes: entry.quotes(), origin: sink.origin(item.location))
        }
    }

    private func effects(_ reader: MappingReader) -> [Effect] {
        reader.list("effects").compactMap { item in
            guard let entry = MappingReader(item, subject: "an effect", sink: sink) else { return nil }
            entry.rejectUnknownKeys(allowed: ["fact", "becomes", "because"])
            guard let factNode = entry.required("fact"),
                  let fact = MappingReader.text(factNode, field: "fact", sink: sink),
                  let value = entry.required("becomes") else { return nil }
            return Effect(fact: fact, factLocation: factNode.location, becomes: Literal(node: value, value: nil),
                          because: entry.text("because"), origin: sink.origin(item.location))
        }
    }

    private func service(_ pair: YAMLPair, agency: String?, jurisdiction: String?) -> Service? {
        guard let id = name(pair, "a service"),
              let reader = MappingReader(pair.value, subject: "service '\(id)'", sink: sink) else { return nil }
        reader.rejectUnknownKeys(allowed: ["title", "agency", "because", "source", "quote", "criteria", "requires",
                                           "effects", "deadline", "documents", "need", "patient_cost", "planned_referral",
                                           "valid_from", "valid_to"])
        let title = reader.text("title", required: true)
        return Service(id: id, title: title ?? id, agency: reader.text("agency") ?? agency ?? "",
                       jurisdiction: jurisdiction, because: reader.text("because"),
                       sources: reader.sourceReferences(), quotes: reader.quotes(),
                       criteria: reader.value("criteria").flatMap { conditions.decode($0) },
                       requires: prerequisites(reader), effects: effects(reader),
                       deadline: reader.text("deadline"), documents: reader.texts("documents"),
                       needs: reader.sourceReferences("need"), patientCost: patientCost(reader),
                       plannedReferral: reader.bool("planned_referral") ?? false,
                       inForce: reader.inForce(),
                       origin: sink.origin(pair.key.location))
    }

    private func action(_ pair: YAMLPair, jurisdiction: String?) -> Action? {
        guard let id = name(pair, "an action"),
              let reader = MappingReader(pair.value, subject: "action '\(id)'", sink: sink) else { return nil }
        reader.rejectUnknownKeys(allowed: ["who", "does", "because", "source", "quote", "when", "requires", "effects",
                                           "costs", "uncertainty", "deadline", "documents", "valid_from", "valid_to"])
        let who = reader.text("who", required: true)
        let does = reader.text("does", required: true)
        let effects = effects(reader)
        if effects.isEmpty, reader.value("effects") == nil {
            sink.error("action '\(id)' is missing required field 'effects'", at: pair.key.location)
        }
        return Action(id: id, who: who ?? "", does: does ?? "", jurisdiction: jurisdiction,
                      because: reader.text("because"), sources: reader.sourceReferences(), quotes: reader.quotes(),
                      when: reader.value("when").flatMap { conditions.decode($0, field: "when") },
                      requires: prerequisites(reader), effects: effects, costs: reader.text("costs"),
                      uncertainty: reader.text("uncertainty"),
                      deadline: reader.text("deadline"), documents: reader.texts("documents"),
                      inForce: reader.inForce(),
                      origin: sink.origin(pair.key.location))
    }
}

/// Checks the rule sets against each other: every fact, service and source a rule names
/// exists, literals have the type of their fact, every rule cites, no fact goes unread,
/// and derived facts form no cycle. Types every literal on the way.
struct LibraryValidator {
    var files: [(ruleSet: RuleSet, sink: DiagnosticSink)]
    private(set) var diagnostics: [Diagnostic] = []
    var catalog = FactCatalog()
    var sources: [String: Source] = [:]
    private(set) var readFacts: Set<String> = []
    /// Problems `lint` reports that do not stop the rules from being used.
    private var lintProblems: [Diagnostic] = []

    init(files: [(RuleSet, DiagnosticSink)]) {
        self.files = files.map { (ruleSet: $0.0, sink: $0.1) }
    }

    mutating func validate(version: String) -> RuleLibrary? {
        declareFacts()
        declareSources()
        // Beyond the limits nothing is worked out further than the located refusal.
        let withinLimits = checkLimits()
        let derived = withinLimits ? typeDerivedFacts() : nil
        checkRuleSetIds()
        let ids = checkServiceAndActionIds()
        for index in files.indices {
            typeRules(at: index, knownIds: ids)
        }
        checkNeeds()
        checkDates()
        checkUnreadFacts()
        let citations = checkEvidence(derived: derived ?? [])
        for index in files.indices {
            checkTests(at: index, services: ids.services)
        }
        for file in files { diagnostics.append(contentsOf: file.sink.diagnostics) }
        guard diagnostics.isEmpty, let derived else { return nil }
        return RuleLibrary(ruleSets: files.map(\.ruleSet), catalog: catalog, sources: sources,
                           derived: derived, version: version, citations: citations, lintProblems: lintProblems)
    }

    // MARK: declarations

    private mutating func declareFacts() {
        var firstSeen: [String: RuleOrigin] = [:]
        for file in files {
            for fact in file.ruleSet.facts {
                if let first = firstSeen[fact.name] {
                    file.sink.error("fact '\(fact.name)' is declared twice (first at \(first.reference))", at: fact.origin.location)
                    continue
                }
                firstSeen[fact.name] = fact.origin
                catalog.add(.init(name: fact.name, type: fact.type, min: fact.min, max: fact.max, isDerived: false,
                                  description: fact.description, format: fact.format, pastOnly: fact.pastOnly, question: fact.question,
                                  choiceLabels: fact.choiceLabels, origin: fact.origin, label: fact.label, nature: fact.nature,
                                  changeableBy: fact.changeableBy, changeCost: fact.changeCost))
                if fact.informational {
                    readFacts.insert(fact.name)
                } else if fact.question == nil {
                    lintProblems.append(file.sink.source.diagnostic(
                        "fact '\(fact.name)' is supplied by a person but has no 'question:' to ask them in plain words",
                        at: fact.origin.location))
                }
            }
            for derived in file.ruleSet.derived {
                if let first = firstSeen[derived.name] {
                    file.sink.error("fact '\(derived.name)' is declared twice (first at \(first.reference))", at: derived.origin.location)
                    continue
                }
                firstSeen[derived.name] = derived.origin
                catalog.add(.init(name: derived.name, type: derived.type, min: nil, max: nil, isDerived: true,
                                  description: derived.description, origin: derived.origin, label: derived.label))
            }
        }
    }

    private mutating func declareSources() {
        for file in files {
            for source in file.ruleSet.sources {
                if let first = sources[source.id] {
                    file.sink.error("source '\(source.id)' is declared twice (first at \(first.origin.reference))", at: source.origin.location)
                    continue
                }
                if let from = source.validFrom, let to = source.validTo, to < from {
                    file.sink.error("source '\(source.id)': 'valid_to' \(to) is before 'valid_from' \(from)", at: source.origin.location)
                }
                sources[source.id] = source
            }
        }
    }

    private func checkRuleSetIds() {
        var seen: [String: RuleSet] = [:]
        for file in files {
            let ruleSet = file.ruleSet
            if let other = seen[ruleSet.id] {
                file.sink.error("rule set id '\(ruleSet.id)' is also used by \(other.file)", at: SourceLocation(line: 1, column: 1))
            }
            seen[ruleSet.id] = ruleSet
        }
    }

    private func checkServiceAndActionIds() -> (services: Set<String>, actions: Set<String>) {
        var first: [String: RuleOrigin] = [:]
        var services: Set<String> = []
        var actions: Set<String> = []
        for file in files {
            let items = file.ruleSet.services.map { ($0.id, $0.origin, true) } + file.ruleSet.actions.map { ($0.id, $0.origin, false) }
            for (id, origin, isService) in items {
                if let earlier = first[id] {
                    file.sink.error("'\(id)' is defined twice (first at \(earlier.reference)); service and action ids are one namespace",
                                    at: origin.location)
                    continue
                }
                first[id] = origin
                if isService { services.insert(id) } else { actions.insert(id) }
            }
        }
        return (services, actions)
    }

    // MARK: derived facts

    private mutating func typeDerivedFacts() -> [DerivedFact]? {
        var all: [DerivedFact] = []
        var ok = true
        for index in files.indices {
            let sink = files[index].sink
            let typer = LiteralTyper(catalog: catalog, sink: sink)
            var typedList: [DerivedFact] = []
            for var derived in files[index].ruleSet.derived {
                checkCitations(derived.sources, because: "derived", subject: "derived fact '\(derived.name)'",
                               at: derived.origin.location, sink: sink, needsBecause: false)
                switch derived.rule {
                case .daysSince(let fact, let location):
                    readFacts.insert(fact)
                    if catalog[fact]?.type != .date {
                        sink.error("'days_since' needs a date fact; '\(fact)' is \(catalog[fact].map { "\($0.type)" } ?? "not declared")\(catalog[fact] == nil ? Suggestion.hint(for: fact, among: catalog.names) : "")",
                                   at: location)
                        ok = false
                    }
                    if derived.type != .integer {
                        sink.error("derived fact '\(derived.name)' uses days_since and must have type integer", at: derived.origin.location)
                        ok = false
                    }
                case .cases(let cases, let otherwise):
                    var typedCases: [(when: Condition, value: Literal)] = []
                    for (when, value) in cases {
                        markRead(when)
                        guard let typedWhen = typer.typed(when),
                              let v = typer.value(value, as: derived.type, fact: derived.name) else { ok = false; continue }
                        typedCases.append((typedWhen, Literal(node: value.node, value: v)))
                    }
                    var typedOtherwise: Literal?
                    if let otherwise {
                        guard let v = typer.value(otherwise, as: derived.type, fact: derived.name) else { ok = false; continue }
                        typedOtherwise = Literal(node: otherwise.node, value: v)
                    }
                    derived.rule = .cases(typedCases, otherwise: typedOtherwise)
                }
                typedList.append(derived)
            }
            files[index].ruleSet.derived = typedList
            all.append(contentsOf: typedList)
        }
        guard ok, let ordered = orderDerived(all) else { return nil }
        return ordered
    }

    /// Derived facts sorted so each comes after those it reads; a cycle is reported with its path.
    private func orderDerived(_ all: [DerivedFact]) -> [DerivedFact]? {
        let byName = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        func reads(_ fact: DerivedFact) -> [String] {
            switch fact.rule {
            case .daysSince(let source, _): return [source]
            case .cases(let cases, _): return cases.flatMap { $0.when.comparisons.map(\.fact) }
            }
        }
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        var order: [DerivedFact] = []
        var failed = false
        func visit(_ name: String, path: [String]) {
            guard let fact = byName[name], !failed else { return }
            if state[name] == 2 { return }
            if state[name] == 1 {
                let start = path.firstIndex(of: name) ?? 0
                let cycle = Array(path[start...]) + [name]
                sink(forFile: fact.origin.file)?.error("derived facts form a cycle: \(cycle.joined(separator: " -> "))",
                                                       at: fact.origin.location)
                failed = true
                return
            }
            state[name] = 1
            for next in reads(fact) { visit(next, path: path + [name]) }
            state[name] = 2
            order.append(fact)
        }
        for fact in all { visit(fact.name, path: []) }
        return failed ? nil : order
    }

    private func sink(forFile file: String) -> DiagnosticSink? {
        files.first { $0.ruleSet.file == file }?.sink
    }

    // MARK: services and actions

    mutating func markRead(_ condition: Condition?) {
        guard let condition else { return }
        for comparison in condition.comparisons { readFacts.insert(comparison.fact) }
    }

    private mutating func typeRules(at index: Int, knownIds: (services: Set<String>, actions: Set<String>)) {
        let sink = files[index].sink
        let typer = LiteralTyper(catalog: catalog, sink: sink)
        var ruleSet = files[index].ruleSet
        for s in ruleSet.services.indices {
            var service = ruleSet.services[s]
            let subject = "service '\(service.id)'"
            checkCitations(service.sources, because: service.because, subject: subject, at: service.origin.location, sink: sink)
            if let criteria = service.criteria {
                markRead(criteria)
                service.criteria = typer.typed(criteria)
                checkCriterionCitations(criteria, subject: subject, sink: sink)
            }
            // A service that requires itself can never be granted: a cycle of one, which
            // the deadlock analysis would only report per patient.
            for p in service.requires where p.service == service.id {
                sink.error("service '\(service.id)' requires itself, so no patient can ever get it", at: p.serviceLocation)
            }
            service.requires = typePrerequisites(service.requires, typer: typer, services: knownIds.services, sink: sink)
            service.effects = typeEffects(service.effects, typer: typer, sink: sink)
            ruleSet.services[s] = service
        }
        for a in ruleSet.actions.indices {
            var action = ruleSet.actions[a]
            checkCitations(action.sources, because: action.because ?? action.does, subject: "action '\(action.id)'",
                           at: action.origin.location, sink: sink)
            markRead(action.when)
            action.when = action.when.flatMap { typer.typed($0) }
            action.requires = typePrerequisites(action.requires, typer: typer, services: knownIds.services, sink: sink)
            action.effects = typeEffects(action.effects, typer: typer, sink: sink)
            ruleSet.actions[a] = action
        }
        files[index].ruleSet = ruleSet
    }

    private mutating func typePrerequisites(_ list: [Prerequisite], typer: LiteralTyper, services: Set<String>, sink: DiagnosticSink) -> [Prerequisite] {
        list.map { prerequisite in
            var p = prerequisite
            if !services.contains(p.service) {
                sink.error("unknown service '\(p.service)'\(Suggestion.hint(for: p.service, among: services))", at: p.serviceLocation)
            }
            checkCitations(p.sources, because: p.because, subject: "the prerequisite '\(p.service)'", at: p.origin.location, sink: sink)
            markRead(p.when)
            p.when = p.when.flatMap { typer.typed($0) }
            return p
        }
    }

    private func typeEffects(_ list: [Effect], typer: LiteralTyper, sink: DiagnosticSink) -> [Effect] {
        list.compactMap { effect in
            guard let entry = catalog[effect.fact] else {
                sink.error("unknown fact '\(effect.fact)'\(Suggestion.hint(for: effect.fact, among: catalog.inputNames))", at: effect.factLocation)
                return nil
            }
            guard !entry.isDerived else {
                sink.error("'\(effect.fact)' is derived; an effect must change a fact it is derived from", at: effect.factLocation)
                return nil
            }
            guard entry.type != .date else {
                sink.error("effects cannot set the date fact '\(effect.fact)'", at: effect.factLocation)
                return nil
            }
            guard let value = typer.value(effect.becomes, as: entry.type, fact: effect.fact) else { return nil }
            var typed = effect
            typed.becomes.value = value
            return typed
        }
    }
}

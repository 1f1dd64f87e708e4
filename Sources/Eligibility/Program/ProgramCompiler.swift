/// Turns a validated rule library into a `Program`.
struct ProgramCompiler {
    let library: RuleLibrary
    let vocabulary: Vocabulary
    private var factNames: [String] = []
    private var factTypes: [FactType] = []
    private var slotOf: [String: Int] = [:]
    private var symbols: [String] = []
    private var symbolIds: [String: Int32] = [:]
    private var literals: [[SlotValue]] = []
    private var nodes: [ConditionNode] = []
    private var children: [Int32] = []
    private var leaves: [CompiledLeaf] = []
    private var nodeNotes: [Int32] = []
    private var notes: [RuleNote] = []

    init(library: RuleLibrary, vocabulary: Vocabulary) {
        self.library = library
        self.vocabulary = vocabulary
    }

    mutating func compile() -> Program {
        for (name, type) in zip(vocabulary.inputNames, vocabulary.inputTypes) {
            addSlot(name)
            factTypes[factTypes.count - 1] = type
        }
        let inputCount = factNames.count
        for fact in library.derived { addSlot(fact.name) }
        // The vocabulary holds every enum value and text literal of the rules: interning it
        // first gives this program the same text ids as any other sharing the vocabulary.
        for symbol in vocabulary.symbols { intern(symbol) }
        literals = Array(repeating: [], count: factNames.count)
        for fact in library.derived {
            if case .cases(let cases, let otherwise) = fact.rule {
                for value in cases.map(\.value) + (otherwise.map { [$0] } ?? []) {
                    _ = literalBit(slotOf[fact.name] ?? 0, value)
                }
            }
        }
        var items: [CompiledItem] = []
        let services = library.services
        let actions = library.actions
        let ruleSetOf = Dictionary(library.ruleSets.flatMap { set in
            set.services.map { ($0.id, set) } + set.actions.map { ($0.id, set) }
        }, uniquingKeysWith: { a, _ in a })
        var itemIndex: [String: Int] = [:]
        for (i, id) in (services.map(\.id) + actions.map(\.id)).enumerated() { itemIndex[id] = i }

        for service in services {
            let note = RuleNote(origin: service.origin, because: service.because, sources: service.sources.map(\.id))
            items.append(item(service.id, isService: true, jurisdiction: service.jurisdiction, ruleSet: ruleSetOf[service.id],
                              inForce: service.inForce, note: note, condition: service.criteria, requires: service.requires, effects: service.effects,
                              isCostly: false, itemIndex: itemIndex))
        }
        for action in actions {
            let note = RuleNote(origin: action.origin, because: action.because ?? action.does, sources: action.sources.map(\.id))
            items.append(item(action.id, isService: false, jurisdiction: action.jurisdiction, ruleSet: ruleSetOf[action.id],
                              inForce: action.inForce, note: note, condition: action.when, requires: action.requires, effects: action.effects,
                              isCostly: action.isOfferedOnly, itemIndex: itemIndex))
        }
        // Needs and alerts are read on the patient's own facts by the same evaluator as the
        // criteria: one meaning for every comparison (an ICD-10 range included).
        let needWhen = library.needs.map { need in
            need.when.map { compile($0, inherited: RuleNote(origin: need.origin, because: need.because, sources: need.sources.map(\.id))) } ?? -1
        }
        let alertWhen = library.alerts.map { alert in
            compile(alert.when, inherited: RuleNote(origin: alert.origin, because: nil, sources: alert.sources.map(\.id)))
        }
        let unaffordableWhen = LibraryIndex(library).services.map { service in
            guard let cost = service.patientCost, let when = cost.unaffordableWhen else { return Int32(-1) }
            return compile(when, inherited: RuleNote(origin: service.origin, because: cost.description, sources: cost.sources.map(\.id)))
        }
        let derived = compileDerived()
        computeMasks()
        computeAchievers(items: items, derived: derived)
        let entries = LibraryIndex(library)
        let itemService = Self.positions(of: items.map(\.id), in: entries.services.map(\.id))
        var program = Program(
            factNames: factNames, factTypes: factTypes, seenPrefixes: factNames.map { $0 + " = " },
            seenUnknown: factNames.map { $0 + " = unknown" }, slotOf: slotOf, inputCount: inputCount,
            symbols: symbols, symbolIds: symbolIds, literals: literals, derived: derived,
            enumerationValues: factTypes.map { type in
                guard case .enumeration(let values) = type else { return [] }
                return values.map { .symbol(symbolIds[$0] ?? -1) }
            },
            nodes: nodes, children: children, leaves: leaves, nodeNotes: nodeNotes, notes: notes,
            noteReferences: notes.map(\.origin.reference), noteCitations: notes.map { entries.cite($0.sources) },
            leafWords: leaves.map { (ConditionWording.describe($0.comparison, wantTrue: true),
                                     ConditionWording.describe($0.comparison, wantTrue: false)) },
            items: items, itemReferences: items.map(\.note.origin.reference), itemCitations: items.map { entries.cite($0.note.sources) },
            itemService: itemService,
            serviceEntryItem: entries.services.map { itemIndex[$0.id] ?? -1 },
            receiveSteps: items.indices.map { PlanStep.receiving + (itemService[$0] >= 0 ? entries.services[itemService[$0]].title : items[$0].id) },
            itemAction: Self.positions(of: items.map(\.id), in: entries.actions.map(\.id)),
            serviceCount: services.count, itemIndex: itemIndex,
            jurisdictionSlot: slotOf["jurisdiction"] ?? -1,
            itemJurisdiction: items.map { $0.jurisdiction.map { symbolIds[$0] ?? -1 } },
            library: library, vocabulary: vocabulary, entries: entries,
            needWhen: needWhen, alertWhen: alertWhen, unaffordableWhen: unaffordableWhen)
        program.situations = SituationIndex(program)
        return program
    }

    /// Where each id first appears among `entries`, or -1.
    private static func positions(of ids: [String], in entries: [String]) -> [Int] {
        var first: [String: Int] = [:]
        for (n, id) in entries.enumerated() where first[id] == nil { first[id] = n }
        return ids.map { first[$0] ?? -1 }
    }

    /// A service or an action, compiled: its condition (criteria, or an action's `when`),
    /// prerequisites and effects, in force while its rule set is and within its own period.
    private mutating func item(_ id: String, isService: Bool, jurisdiction: String?, ruleSet: RuleSet?, inForce: InForce?,
                               note: RuleNote, condition: Condition?, requires: [Prerequisite], effects: [Effect], isCostly: Bool,
                               itemIndex: [String: Int]) -> CompiledItem {
        let from = [ruleSet?.validFrom ?? Day(ordinal: 0), inForce?.from].compactMap { $0 }.max()!
        let to = [ruleSet?.validTo, inForce?.to].compactMap { $0 }.min()
        return CompiledItem(
            id: id, isService: isService, jurisdiction: jurisdiction,
            validFrom: from, validTo: to,
            criteria: condition.map { compile($0, inherited: note) } ?? -1,
            requires: prerequisites(requires, itemIndex: itemIndex),
            effects: effects.map { effect($0) }, isCostly: isCostly, note: note)
    }

    private mutating func addSlot(_ name: String) {
        slotOf[name] = factNames.count
        factNames.append(name)
        factTypes.append(library.catalog[name]?.type ?? .string)
    }

    @discardableResult
    private mutating func intern(_ text: String) -> Int32 {
        if let id = symbolIds[text] { return id }
        let id = Int32(symbols.count)
        symbols.append(text)
        symbolIds[text] = id
        return id
    }

    private mutating func slotValue(_ value: FactValue?) -> SlotValue {
        switch value {
        case nil: return .unknown
        case .bool(let v): return .bool(v)
        case .integer(let v): return .integer(v)
        case .number(let v): return .number(v)
        case .date(let d): return .date(d)
        case .string(let s): return .text(s, id: intern(s))
        }
    }

    /// The bit of a literal in its slot's table, adding it when new.
    private mutating func literalBit(_ slot: Int, _ literal: Literal) -> Int {
        let value = slotValue(literal.value)
        if let bit = literals[slot].firstIndex(of: value) { return bit }
        precondition(literals[slot].count < 64, "more than 64 distinct effect values for \(factNames[slot])")
        literals[slot].append(value)
        return literals[slot].count - 1
    }

    private mutating func effect(_ effect: Effect) -> (slot: Int, bit: Int) {
        let slot = slotOf[effect.fact] ?? 0
        return (slot, literalBit(slot, effect.becomes))
    }

    private mutating func prerequisites(_ list: [Prerequisite], itemIndex: [String: Int]) -> [CompiledPrerequisite] {
        list.map { p in
            let note = RuleNote(origin: p.origin, because: p.because, sources: p.sources.map(\.id))
            return CompiledPrerequisite(item: itemIndex[p.service] ?? 0,
                                        when: p.when.map { compile($0, inherited: note) } ?? -1, note: note)
        }
    }

    // MARK: conditions

    private mutating func compile(_ condition: Condition, inherited: RuleNote) -> Int32 {
        let own = condition.note
        var note: RuleNote
        if own.because != nil || !own.sources.isEmpty {
            note = RuleNote(origin: own.origin, because: own.because ?? inherited.because,
                            sources: own.sources.isEmpty ? inherited.sources : own.sources.map(\.id))
        } else {
            note = RuleNote(origin: own.origin, because: nil, sources: inherited.sources)
        }
        note.fails = own.fails
        notes.append(note)
        let noteIndex = Int32(notes.count - 1)
        let childNote = RuleNote(origin: own.origin, because: note.because, sources: note.sources)
        switch condition {
        case .all(let parts, _), .any(let parts, _):
            let compiled = parts.map { compile($0, inherited: childNote) }
            let start = Int32(children.count)
            children.append(contentsOf: compiled)
            let kind: ConditionNode.Kind
            if case .all = condition { kind = .all } else { kind = .any }
            return addNode(ConditionNode(kind: kind, first: start, count: Int32(compiled.count)), note: noteIndex)
        case .not(let inner, _):
            let child = compile(inner, inherited: childNote)
            let start = Int32(children.count)
            children.append(child)
            return addNode(ConditionNode(kind: .not, first: start, count: 1), note: noteIndex)
        case .compare(let comparison, _):
            let leaf = CompiledLeaf(slot: slotOf[comparison.fact] ?? 0, test: test(comparison.test),
                                    trueMask: 0, falseMask: 0, comparison: comparison, achievers: [[], []])
            leaves.append(leaf)
            return addNode(ConditionNode(kind: .leaf, first: Int32(leaves.count - 1), count: 0), note: noteIndex)
        }
    }

    private mutating func addNode(_ node: ConditionNode, note: Int32) -> Int32 {
        nodes.append(node)
        nodeNotes.append(note)
        return Int32(nodes.count - 1)
    }

    private mutating func test(_ test: Comparison.Test) -> CompiledLeaf.Test {
        func number(_ l: Literal) -> Double { l.value?.numeric ?? 0 }
        func day(_ l: Literal) -> Int64 {
            if case .date(let d)? = l.value { return Int64(d.ordinal) }
            return 0
        }
        switch test {
        case .equals(let l): return .equals(slotValue(l.value))
        case .oneOf(let ls): return .oneOf(ls.map { slotValue($0.value) })
        case .atLeast(let l): return .atLeast(number(l))
        case .atMost(let l): return .atMost(number(l))
        case .between(let a, let b): return .between(number(a), number(b))
        case .before(let l): return .before(day(l))
        case .after(let l): return .after(day(l))
        case .olderThan(let d): return .olderThan(d)
        case .within(let d): return .within(d)
        case .known(let flag): return .known(flag)
        case .icd10(let ranges): return .icd10(ranges.map(PackedICD10Range.init))
        }
    }

    // MARK: derived facts, masks and achievers

    private mutating func compileDerived() -> [CompiledDerived] {
        var result: [CompiledDerived] = []
        var inputsOf: [Int: [Int]] = [:]
        for fact in library.derived {
            let slot = slotOf[fact.name] ?? 0
            let note = RuleNote(origin: fact.origin, because: fact.description, sources: fact.sources.map(\.id))
            var reads: [Int] = []
            let rule: CompiledDerived.Rule
            switch fact.rule {
            case .daysSince(let source, _):
                let s = slotOf[source] ?? 0
                reads = [s]
                rule = .daysSince(s)
            case .cases(let cases, let otherwise):
                var compiled: [(Int32, Int)] = []
                for (when, value) in cases {
                    compiled.append((compile(when, inherited: note), literalBit(slot, value)))
                    reads.append(contentsOf: when.comparisons.compactMap { slotOf[$0.fact] })
                }
                rule = .cases(compiled, otherwiseBit: otherwise.map { literalBit(slot, $0) })
            }
            let inputs = reads.flatMap { $0 < vocabulary.inputCount ? [$0] : (inputsOf[$0] ?? []) }
            inputsOf[slot] = Array(Set(inputs)).sorted()
            result.append(CompiledDerived(slot: slot, rule: rule, inputs: inputsOf[slot] ?? []))
        }
        return result
    }

    /// Which effect values make each comparison true and which false. Comparisons relative
    /// to the evaluation date have no effect values (effects cannot set dates).
    private mutating func computeMasks() {
        for index in leaves.indices where !leaves[index].isDated {
            var trueMask: UInt64 = 0
            var falseMask: UInt64 = 0
            for (bit, value) in literals[leaves[index].slot].enumerated() {
                if leaves[index].holds(value, asOf: Day(ordinal: 0)) {
                    trueMask |= 1 << UInt64(bit)
                } else {
                    falseMask |= 1 << UInt64(bit)
                }
            }
            leaves[index].trueMask = trueMask
            leaves[index].falseMask = falseMask
        }
    }

    private mutating func computeAchievers(items: [CompiledItem], derived: [CompiledDerived]) {
        let derivedInputs = Dictionary(derived.map { ($0.slot, $0.inputs) }, uniquingKeysWith: { a, _ in a })
        for index in leaves.indices {
            let leaf = leaves[index]
            var makeTrue: [Int32] = []
            var makeFalse: [Int32] = []
            for (i, item) in items.enumerated() {
                for effect in item.effects {
                    if effect.slot == leaf.slot {
                        if leaf.trueMask & (1 << UInt64(effect.bit)) != 0 { makeTrue.append(Int32(i)) }
                        if leaf.falseMask & (1 << UInt64(effect.bit)) != 0 { makeFalse.append(Int32(i)) }
                    } else if derivedInputs[leaf.slot]?.contains(effect.slot) == true {
                        makeTrue.append(Int32(i))
                        makeFalse.append(Int32(i))
                    }
                }
            }
            leaves[index].achievers = [Array(Set(makeTrue)).sorted(), Array(Set(makeFalse)).sorted()]
        }
    }
}

extension Program {
    /// Compiles a validated library.
    /// - Parameter vocabulary: input facts and text shared with other programs (so one
    ///   patient buffer serves all); by default this library's own.
    package init(_ library: RuleLibrary, vocabulary: Vocabulary? = nil) {
        let shared = vocabulary ?? ((try? Vocabulary([library])) ?? Vocabulary.empty)
        var compiler = ProgramCompiler(library: library, vocabulary: shared)
        self = compiler.compile()
    }
}

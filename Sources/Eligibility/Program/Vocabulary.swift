/// The input facts and interned text shared by one or more compiled programs, so that a
/// patient read once can be evaluated under current and proposed rules alike.
package struct Vocabulary: Sendable {
    package private(set) var inputNames: [String] = []
    package private(set) var inputTypes: [FactType] = []
    package private(set) var slotOf: [String: Int] = [:]
    package private(set) var symbols: [String] = []
    private(set) var symbolIds: [String: Int32] = [:]
    /// The catalogs the vocabulary was built from, for reading patients.
    package private(set) var catalogs: [FactCatalog] = []

    /// - Throws: a failure when two libraries give one fact different types.
    package init(_ libraries: [RuleLibrary]) throws(LoadFailure) {
        var problems: [Diagnostic] = []
        for library in libraries {
            catalogs.append(library.catalog)
            for name in library.catalog.inputNames {
                guard let entry = library.catalog[name] else { continue }
                if let slot = slotOf[name] {
                    if inputTypes[slot] != entry.type {
                        problems.append(Diagnostic(file: entry.origin.file, location: entry.origin.location,
                            message: "fact '\(name)' is \(entry.type) here but \(inputTypes[slot]) in the other rules; a comparison needs one type"))
                    }
                    continue
                }
                slotOf[name] = inputNames.count
                inputNames.append(name)
                inputTypes.append(entry.type)
            }
        }
        for library in libraries {
            for name in library.catalog.names {
                if case .enumeration(let values)? = library.catalog[name]?.type { values.forEach { intern($0) } }
            }
            for text in Self.textLiterals(library) { intern(text) }
        }
        guard problems.isEmpty else { throw LoadFailure(problems) }
    }

    private mutating func intern(_ text: String) {
        guard symbolIds[text] == nil else { return }
        symbolIds[text] = Int32(symbols.count)
        symbols.append(text)
    }

    package var inputCount: Int { inputNames.count }

    private init() {}

    static let empty = Vocabulary()

    func symbol(_ text: String) -> Int32 { symbolIds[text] ?? -1 }

    /// Every text literal the rules compare with or set.
    static func textLiterals(_ library: RuleLibrary) -> [String] {
        var result: [String] = []
        func add(_ literal: Literal) {
            if case .string(let s)? = literal.value { result.append(s) }
        }
        func walk(_ c: Condition?) {
            for comparison in c?.comparisons ?? [] {
                switch comparison.test {
                case .equals(let l): add(l)
                case .oneOf(let ls): ls.forEach(add)
                default: break
                }
            }
        }
        for service in library.services {
            walk(service.criteria)
            service.requires.forEach { walk($0.when) }
            service.effects.forEach { add($0.becomes) }
        }
        for action in library.actions {
            walk(action.when)
            action.requires.forEach { walk($0.when) }
            action.effects.forEach { add($0.becomes) }
        }
        for derived in library.derived {
            if case .cases(let cases, let otherwise) = derived.rule {
                cases.forEach { walk($0.when); add($0.value) }
                otherwise.map(add)
            }
        }
        return result
    }
}

extension Vocabulary {
    /// A decoded fact value in slot form, with this vocabulary's text ids.
    func slotValue(_ value: FactValue) -> SlotValue {
        switch value {
        case .bool(let v): return .bool(v)
        case .integer(let v): return .integer(v)
        case .number(let v): return .number(v)
        case .date(let d): return .date(d)
        case .string(let s): return .text(s, id: symbol(s))
        }
    }

    /// All catalogs in one, for reading patients the exact way.
    var mergedCatalog: FactCatalog {
        catalogs.dropFirst().reduce(catalogs.first ?? FactCatalog()) { $0.merging($1) }
    }
}

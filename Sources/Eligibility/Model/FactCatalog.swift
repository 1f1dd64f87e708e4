/// Every fact the rules know, declared or derived, with its type: the vocabulary a
/// patient profile is read against.
public struct FactCatalog: Sendable {
    public struct Entry: Sendable {
        public var name: String
        public var type: FactType
        public var min: Double?
        public var max: Double?
        public var isDerived: Bool
        public var description: String?
        /// How values of a text fact are read (nil: as written).
        public var format: FactFormat? = nil
        /// A date that cannot lie after the evaluation date.
        public var pastOnly: Bool = false
        /// What to ask a person for this fact, in plain words (facts a person supplies).
        public var question: String?
        /// Plain-words labels for enum values; a value without one is shown as it is.
        public var choiceLabels: [String: String] = [:]
        public var origin: RuleOrigin
        /// What the fact is called in a sentence about the patient ("work situation").
        public var label: String? = nil
        public var nature: FactNature = .circumstance
        /// Who can change it; empty: nobody the rules name, so no way out asks for it.
        public var changeableBy: [String] = []
        /// What changing it costs the patient (`none`: nothing, on the rule's authority).
        public var changeCost: String? = nil
        /// An enumeration's values with their labels (a value without one reads with spaces
        /// for underscores), in declared order; set when the entry joins a catalog, so a
        /// question does not build them again for every patient.
        public internal(set) var choices: [Question.Choice] = []

        /// The choices of ``type`` and ``choiceLabels``, as ``choices`` holds them.
        func labelledChoices() -> [Question.Choice] {
            guard case .enumeration(let values) = type else { return [] }
            return values.map { Question.Choice(value: $0, label: choiceLabels[$0] ?? String($0.map { $0 == "_" ? " " : $0 })) }
        }
    }

    /// Names in declaration order.
    public private(set) var names: [String] = []
    /// Each name's place in `names`.
    public private(set) var positions: [String: Int] = [:]
    /// The entries in the order of `names`: read in place by position, where a lookup by
    /// name gives a copy of the whole entry.
    public private(set) var entries: [Entry] = []

    public init() {}

    mutating func add(_ entry: Entry) {
        var entry = entry
        entry.choices = entry.labelledChoices()
        if let position = positions[entry.name] {
            entries[position] = entry
        } else {
            positions[entry.name] = names.count
            names.append(entry.name)
            entries.append(entry)
        }
    }

    public subscript(name: String) -> Entry? { positions[name].map { entries[$0] } }

    /// This catalog with the facts of another that it lacks.
    public func merging(_ other: FactCatalog) -> FactCatalog {
        var merged = self
        for entry in other.entries where merged.positions[entry.name] == nil { merged.add(entry) }
        return merged
    }

    /// Facts a patient may state (derived ones are computed, never given).
    public var inputNames: [String] { entries.filter { !$0.isDerived }.map(\.name) }

    /// Object keys that lead to facts: `employment` for `employment.status`.
    public var inputPrefixes: Set<String> {
        var prefixes: Set<String> = []
        for name in inputNames {
            var parts = name.split(separator: ".").map(String.init)
            while parts.count > 1 {
                parts.removeLast()
                prefixes.insert(parts.joined(separator: "."))
            }
        }
        return prefixes
    }
}

/// The words of `SituationWording` that do not depend on the patient, worked out once per
/// program: each fact's label, each enum value's words, and what each comparison asks. A
/// report words hundreds of reasons; looking each fact up in the catalogue again for every
/// one cost more than evaluating the patient.
struct SituationIndex: Sendable {
    /// Per slot: the fact's label as it starts a sentence, and as it reads inside one.
    let leadingLabels: [String]
    let labels: [String]
    /// Per slot of an enum fact: the words of each value, by symbol.
    let choiceWords: [[Int32: String]]
    /// Per leaf: what its comparison asks, when it should hold and when it should fail.
    let asked: [(holds: String, fails: String)]

    static let empty = SituationIndex(leadingLabels: [], labels: [], choiceWords: [], asked: [])

    private init(leadingLabels: [String], labels: [String], choiceWords: [[Int32: String]], asked: [(holds: String, fails: String)]) {
        self.leadingLabels = leadingLabels
        self.labels = labels
        self.choiceWords = choiceWords
        self.asked = asked
    }

    init(_ program: Program) {
        let wording = SituationWording(catalog: program.library.catalog)
        labels = program.factNames.map(wording.label)
        leadingLabels = labels.map(SituationWording.upperStart)
        choiceWords = program.factNames.map { fact in
            guard let entry = program.library.catalog[fact] else { return [:] }
            var words: [Int32: String] = [:]
            for choice in entry.choices { words[program.symbol(choice.value)] = wording.value(fact, choice.value) }
            return words
        }
        asked = program.leaves.map { (wording.requirement($0.comparison, wantTrue: true), wording.requirement($0.comparison, wantTrue: false)) }
    }

    /// A slot's value as a person reads it (yes/no, a choice's words, a number or date).
    func value(_ value: SlotValue, slot: Int, describe: () -> String) -> String {
        switch value.tag {
        case .bool: return value.bits != 0 ? "yes" : "no"
        case .symbol: return choiceWords[slot][Int32(truncatingIfNeeded: value.bits)] ?? describe()
        default: return describe()
        }
    }

    /// The patient's situation against leaf `leaf` that fails (`shown` known) or is not known.
    func situation(leaf: Int, slot: Int, wantTrue: Bool, shown: String?, fails: String?) -> String {
        let needed = wantTrue ? asked[leaf].holds : asked[leaf].fails
        guard let shown else { return "\(leadingLabels[slot]): not known; needed: \(needed)" }
        if let fails {
            if fails.contains("{value}") { return fails.replacingOccurrences(of: "{value}", with: shown) }
            return "\(fails) (\(labels[slot]): \(shown))"
        }
        return "\(leadingLabels[slot]): \(shown); needed: \(needed)"
    }

    /// A leaf that holds, for a rule without `because:`.
    func met(leaf: Int, slot: Int, wantTrue: Bool, shown: String?) -> String {
        "\(leadingLabels[slot]): \(shown ?? "not known") (needed: \(wantTrue ? asked[leaf].holds : asked[leaf].fails))"
    }
}

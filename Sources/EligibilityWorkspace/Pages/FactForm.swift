import Foundation
import Eligibility

/// The case form, generated from the fact catalogue: the case's country's questions only,
/// the open ones first and the rest folded by topic (the first part of the fact's name),
/// each fact asked in plain words with the input its type calls for.
struct FactForm {
    struct Option { var value: String; var label: String; var selected: Bool }

    struct Field {
        var name: String
        var anchor: String
        var question: String
        var hint: String?
        var isBool = false
        var yes = false, no = false, unknown = false
        var isChoice = false
        var options: [Option] = []
        var inputType: String?
        var value: String
        var step: String?, min: String?, max: String?
        var isOpen: Bool
        var error: String?
    }

    /// A topic's questions, folded: `count` questions, `answered` of them with a value.
    /// (Stored, not computed: the templates read properties by reflection.)
    struct Group {
        var id: String
        var title: String
        var fields: [Field]
        var count = 0
        var answered = 0
        /// Unfolded: one of its fields has a problem to fix.
        var expanded = false

        init(id: String, title: String, fields: [Field]) {
            self.id = id
            self.title = title
            self.fields = fields
        }

        /// The group with its counts worked out.
        var counted: Group {
            var group = self
            group.count = fields.count
            group.answered = fields.filter { !$0.value.isEmpty }.count
            group.expanded = fields.contains { $0.error != nil }
            return group
        }
    }

    /// The form of one case: the open questions first, the rest folded by topic.
    struct Layout {
        /// The country question (`jurisdiction`), asked with the case's label: it decides
        /// which other questions there are.
        var country: Field?
        /// The questions the evaluation asks for (each decides a service), the one deciding most first.
        var open: [Field]
        var groups: [Group]
        /// Facts holding a value that the case's country's rules do not ask (kept, and shown
        /// so they can be cleared).
        var kept: Group?
        /// Without a country, what the form leaves out until it is chosen.
        var countryNote: String?
        var hasOpen: Bool
        /// How many facts the form shows.
        var inputCount: Int

        init(country: Field?, open: [Field], groups: [Group], kept: Group?, countryNote: String?) {
            self.country = country
            self.open = open
            self.groups = groups.map(\.counted)
            self.kept = kept?.counted
            self.countryNote = countryNote
            hasOpen = !open.isEmpty
            inputCount = (country == nil ? 0 : 1) + open.count + groups.reduce(0) { $0 + $1.fields.count } + (kept?.fields.count ?? 0)
        }
    }

    let engine: Engine

    /// The form for a case whose facts read `values` (text as typed or stored): only the
    /// questions of the case's country (its `jurisdiction`) and those common to all
    /// countries; without a country, only the common ones. `open` is the evaluation's
    /// open questions, in the order it asks them.
    func layout(values: [String: String], errors: [String: String], open: [String]) -> Layout {
        let catalog = engine.library.catalog
        let countries = FactCountries(engine.library)
        let country = values["jurisdiction"].flatMap { countries.countries.contains($0) ? $0 : nil }
        let openSet = Set(open)
        var first: [String: Field] = [:]
        var countryField: Field?
        var groups: [Group] = []
        var kept = Group(id: "kept", title: "", fields: [])
        for name in catalog.inputNames {
            guard let entry = catalog[name] else { continue }
            let value = values[name] ?? ""
            let field = self.field(entry, value: value, error: errors[name], isOpen: openSet.contains(name))
            if name == "jurisdiction" {
                countryField = field
                continue
            }
            if !countries.asks(name, country: country) {
                // Kept on the case, not asked: shown only when it holds a value (or a problem).
                if !value.isEmpty || errors[name] != nil { kept.fields.append(field) }
                continue
            }
            if openSet.contains(name) {
                first[name] = field
                continue
            }
            let topic = name.contains(".") ? String(name.split(separator: ".")[0]) : ""
            if let index = groups.firstIndex(where: { $0.id == Self.topicId(topic) }) {
                groups[index].fields.append(field)
            } else {
                groups.append(Group(id: Self.topicId(topic), title: Self.title(of: topic), fields: [field]))
            }
        }
        let names = Dictionary(catalog["jurisdiction"]?.choices.map { ($0.value, $0.label) } ?? [], uniquingKeysWith: { a, _ in a })
        if !kept.fields.isEmpty {
            kept.title = country.map { "Answers kept that the rules of \(names[$0] ?? $0) do not ask" }
                ?? "Answers kept that belong to one country's rules"
        }
        let note = country != nil ? nil : "Only the questions common to all countries are shown: the questions of "
            + RuleLibrary.either(countries.countries.map { names[$0] ?? $0 })
            + " appear once the country is chosen (without the page's script: choose it, then Check without saving)."
        return Layout(country: countryField, open: open.compactMap { first[$0] }, groups: groups, kept: kept.fields.isEmpty ? nil : kept,
                      countryNote: note)
    }

    private func field(_ entry: FactCatalog.Entry, value: String, error: String?, isOpen: Bool) -> Field {
        let question = entry.question ?? entry.description ?? entry.name
        var field = Field(name: entry.name, anchor: Self.anchor(entry.name), question: question,
                          hint: entry.question == nil ? nil : entry.description, value: value, isOpen: isOpen, error: error)
        switch entry.type {
        case .bool:
            field.isBool = true
            field.yes = value == "true"
            field.no = value == "false"
            field.unknown = value.isEmpty
        case .enumeration:
            field.isChoice = true
            field.options = entry.choices.map { Option(value: $0.value, label: $0.label, selected: $0.value == value) }
        case .date:
            field.inputType = "date"
        case .integer, .number:
            field.inputType = "number"
            field.step = entry.type == .integer ? "1" : "any"
            field.min = entry.min.map { FactValue.number($0).description }
            field.max = entry.max.map { FactValue.number($0).description }
        case .string:
            field.inputType = "text"
        }
        return field
    }

    /// The id of a fact's input: `fact-employment-status`.
    static func anchor(_ fact: String) -> String {
        "fact-" + fact.replacingOccurrences(of: ".", with: "-").replacingOccurrences(of: "_", with: "-")
    }

    static func topicId(_ topic: String) -> String { topic.isEmpty ? "patient" : topic }

    /// A topic's heading: the contract's groups in words, any other prefix as written.
    static func title(of topic: String) -> String {
        let known = ["": "The patient", "residence": "Residence", "gp": "General practice", "diagnosis": "Diagnosis",
                     "risk": "Risk", "psychiatry": "Psychiatry", "appointments": "Appointments", "consent": "Consent",
                     "employment": "Work", "income": "Income", "social": "Social situation", "network": "Network",
                     "finances": "Finances", "health_care": "Health care", "sip": "Coordinated individual plan (SIP)",
                     "social_insurance": "Social insurance"]
        if let title = known[topic] { return title }
        let words = topic.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}

import Foundation
import Eligibility

/// The case form, generated from the fact catalogue: one group per topic (the first part
/// of the fact's name), each fact asked in plain words with the input its type calls for.
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

    struct Group { var id: String; var title: String; var fields: [Field] }

    let engine: Engine

    /// The groups for a case whose facts read `values` (text as typed or stored).
    /// A country's own facts are left out for a patient of another country unless they hold a value.
    func groups(values: [String: String], errors: [String: String], open: Set<String>) -> [Group] {
        let catalog = engine.library.catalog
        let country = values["jurisdiction"]
        let countryOf = Dictionary(engine.library.ruleSets.map { ($0.file, $0.jurisdiction) }, uniquingKeysWith: { a, _ in a })
        var groups: [Group] = []
        for name in catalog.inputNames {
            guard let entry = catalog[name] else { continue }
            if let country, let own = countryOf[entry.origin.file] ?? nil, own != country, values[name] == nil { continue }
            let topic = name.contains(".") ? String(name.split(separator: ".")[0]) : ""
            let field = self.field(entry, value: values[name] ?? "", error: errors[name], isOpen: open.contains(name))
            if let index = groups.firstIndex(where: { $0.id == Self.topicId(topic) }) {
                groups[index].fields.append(field)
            } else {
                groups.append(Group(id: Self.topicId(topic), title: Self.title(of: topic), fields: [field]))
            }
        }
        return groups
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

import Foundation
import Eligibility

/// The body of `POST /v1/cases` and `PUT /v1/cases/{id}`:
/// `{"label": "...", "facts": {patient profile}, "version": N, "team": "..."}` (`team` on
/// creation only, with sign-in: which of the member's teams the case belongs to).
struct CaseRequest: Sendable {
    var label: String?
    var team: String?
    var facts: CaseFacts?
    var version: Int?

    /// Reads a parsed body; every problem is located in it (`body:1:12: ...`).
    init(_ root: YAMLNode, in source: SourceText, decoder: PatientDecoder) throws(LoadFailure) {
        guard let pairs = root.pairs else {
            throw LoadFailure([source.diagnostic("expected an object with \"label\", \"facts\" and \"version\"; found \(root.kindDescription)", at: root.location)])
        }
        var problems: [Diagnostic] = []
        for pair in pairs {
            let key = pair.key.scalar?.text ?? ""
            let value = pair.value
            switch key {
            case "label":
                guard let text = value.scalar?.text, case .string = value.scalar?.resolved ?? .null else {
                    problems.append(source.diagnostic("\"label\" must be text; found \(value.kindDescription)", at: value.location))
                    continue
                }
                if let problem = Self.labelProblem(text) {
                    problems.append(source.diagnostic(problem, at: value.location))
                } else {
                    label = text
                }
            case "facts":
                do throws(LoadFailure) {
                    facts = CaseFacts(try decoder.decode(value, in: source))
                } catch {
                    problems += error.diagnostics
                }
            case "team":
                guard let text = value.scalar?.text, case .string = value.scalar?.resolved ?? .null, !text.isEmpty else {
                    problems.append(source.diagnostic("\"team\" must be a team's name; found \(value.kindDescription)", at: value.location))
                    continue
                }
                team = text
            case "version":
                guard case .integer(let number) = value.scalar?.resolved ?? .null, number >= 1 else {
                    problems.append(source.diagnostic("\"version\" must be a whole number of at least 1; found \(value.kindDescription)", at: value.location))
                    continue
                }
                version = number
            default:
                problems.append(source.diagnostic("unknown key \"\(key)\"; expected \"label\", \"facts\", \"version\" or \"team\"", at: pair.key.location))
            }
        }
        guard problems.isEmpty else { throw LoadFailure(problems) }
    }

    /// What is wrong with a label, if anything: it is a pseudonym of at most 120 characters.
    static func labelProblem(_ label: String) -> String? {
        let trimmed = label.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "the label must not be empty: give the case a pseudonym (no name is needed)" }
        // Counted in Unicode scalars, as JSON Schema's maxLength counts (the description at
        // /openapi.json says 120): a count of what a person sees let 'e' and a combining
        // accent, or an emoji and its modifiers, count as one and pass many more.
        let length = label.unicodeScalars.count
        if length > 120 { return "the label is \(length) characters long; at most 120 are allowed" }
        if label.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "the label must not contain line breaks or control characters"
        }
        return nil
    }
}

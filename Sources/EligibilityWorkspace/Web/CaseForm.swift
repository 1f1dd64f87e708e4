import Foundation
import Eligibility

/// The case form as posted: label, evaluation date, version and one field per fact.
struct CaseForm {
    var label: String
    var version: Int?
    var facts: CaseFacts
    /// The text of every field as typed, to show the form again with it.
    var typed: [String: String]
    /// Problems by field name (a fact's name, `label`, `as_of`, `version`).
    var errors: [String: String] = [:]

    static let ownFields: Set<String> = [CSRFGuard.fieldName, "version", "label", "as_of"]

    /// Reads a posted form against the rules' facts. Facts the form does not carry (the
    /// rules no longer declare them, or the form did not ask them) are kept from `keeping`
    /// (the saved case), never dropped by a save.
    init(_ form: FormBody, decoder: PatientDecoder, keeping saved: CaseFacts) {
        label = form["label"] ?? ""
        typed = [:]
        facts = CaseFacts()
        if let problem = CaseRequest.labelProblem(label) { errors["label"] = problem }
        let versionText = form["version"] ?? ""
        version = Int(versionText)
        if version == nil { errors["version"] = "the form's version is missing or not a number ('\(versionText)'); reload the case" }
        let asOfText = (form["as_of"] ?? "").trimmingCharacters(in: .whitespaces)
        typed["as_of"] = asOfText
        if !asOfText.isEmpty {
            if let day = Day(iso: asOfText) { facts.asOf = day } else {
                errors["as_of"] = "the evaluation date must be a date YYYY-MM-DD; found \"\(asOfText)\""
            }
        }
        let known = Set(decoder.catalog.inputNames)
        for (name, raw) in form.fields where !Self.ownFields.contains(name) {
            let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard known.contains(name) else {
                errors[name] = "unknown field '\(name)': it is not a fact the rules know"
                continue
            }
            typed[name] = text
            do throws(FieldError) {
                facts.values[name] = try decoder.value(of: name, typed: text).map(JSONValue.init)
            } catch {
                errors[name] = error.message
            }
        }
        // A fact the form did not ask (another country's, or one the rules no longer know)
        // keeps its saved value: only a field on the form can clear it.
        for (name, value) in saved.values where typed[name] == nil && errors[name] == nil { facts.values[name] = value }
    }
}

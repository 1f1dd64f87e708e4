extension Report {
    /// The open questions alone as JSON (`POST /v1/questions`): the patient, the date, the
    /// rules, and `questions` as `check --format json` prints them.
    public func questionsJSON() -> String {
        var w = JSONWriter()
        w.object { w in
            w.key("patient"); w.string(patient)
            w.key("as_of"); w.string(asOf.description)
            w.key("jurisdiction"); w.optional(jurisdiction)
            w.key("rules"); w.object { w in
                w.key("version"); w.string(rulesVersion)
                w.key("files"); w.strings(files)
            }
            w.key("questions"); w.array { w in for q in questions { JSONReport.question(q, &w) } }
        }
        return w.text + "\n"
    }
}

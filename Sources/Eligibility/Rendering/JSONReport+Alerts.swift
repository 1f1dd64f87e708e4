extension JSONReport {
    /// One alert (contract §6): `{id, text, rule, source}`.
    static func alert(_ a: Alert, _ w: inout JSONWriter) {
        w.object { w in
            w.key("id"); w.string(a.id)
            w.key("text"); w.string(a.text)
            w.key("rule"); w.string(a.rule)
            w.key("source"); w.string(a.source)
        }
    }
}

extension JSONReport {
    /// One alert (contract §6): `{id, text, headline, acute_route, rule, source}`.
    static func alert(_ a: Alert, _ w: inout JSONWriter) {
        w.object { w in
            w.key("id"); w.string(a.id)
            w.key("text"); w.string(a.text)
            w.key("headline"); w.string(a.headline)
            w.key("acute_route"); w.bool(a.replacesPlannedRoute)
            w.key("rule"); w.string(a.rule)
            w.key("source"); w.string(a.source)
        }
    }
}

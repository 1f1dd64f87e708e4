extension JSONReport {
    /// One gap (contract §6): `{need, title, services: [{id, status, why}], explanation}`.
    static func gap(_ g: Gap, _ w: inout JSONWriter) {
        w.object { w in
            w.key("need"); w.string(g.need)
            w.key("title"); w.string(g.title)
            w.key("services"); w.array { w in
                for s in g.services {
                    w.object { w in
                        w.key("id"); w.string(s.id)
                        w.key("status"); w.string(s.status.rawValue)
                        w.key("why"); w.string(s.why)
                    }
                }
            }
            w.key("explanation"); w.string(g.explanation)
        }
    }

    /// Services that meet the same need, one of which is enough: `{need, title, services}`.
    static func alternatives(_ a: Alternatives, _ w: inout JSONWriter) {
        w.object { w in
            w.key("need"); w.string(a.need)
            w.key("title"); w.string(a.title)
            w.key("services"); w.strings(a.services)
        }
    }
}

extension JSONReport {
    /// The evidence of a waiting link (contract §6): `[{kind, source, text, verified, note?}]`.
    static func evidence(_ list: [Evidence], _ w: inout JSONWriter) {
        w.array { w in
            for e in list {
                w.object { w in
                    w.key("kind"); w.string(e.kind.rawValue)
                    w.key("source"); w.string(e.source)
                    w.key("text"); w.string(e.text)
                    w.key("verified"); w.bool(e.verified)
                    if let note = e.note { w.key("note"); w.string(note) }
                }
            }
        }
    }
}

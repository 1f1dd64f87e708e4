import Eligibility

extension CDSHooksRoutes {
    /// The CDS Hooks 2.0 discovery document: `{"services": [{hook, title, description, id, prefetch}]}`.
    static func discovery() -> String {
        var w = JSONWriter()
        w.object { w in
            w.key("services"); w.array { w in
                for service in CDSService.allCases {
                    w.object { w in
                        w.key("hook"); w.string(service.hook)
                        w.key("title"); w.string(service.title)
                        w.key("description"); w.string(service.description)
                        w.key("id"); w.string(service.rawValue)
                        w.key("prefetch"); w.object { w in
                            for (key, query) in CDSService.prefetch { w.key(text: key); w.string(query) }
                        }
                    }
                }
            }
        }
        return w.text + "\n"
    }
}

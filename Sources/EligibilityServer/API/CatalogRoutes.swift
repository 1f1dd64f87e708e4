import Eligibility
import Hummingbird

/// `GET /v1/services[?jurisdiction=DK]` and `GET /v1/facts`: what the rules in force
/// offer and what they ask about.
struct CatalogRoutes {
    let rules: CurrentRules

    func add(to router: Router<EligibilityRequestContext>) {
        router.get("v1/services") { request, _ in
            let library = rules.current.engine.library
            let country = request.uri.queryParameters.get("jurisdiction")
            if let country {
                let known = Set(library.services.compactMap(\.jurisdiction)).sorted()
                guard known.contains(country) else {
                    throw APIError(.badRequest, "expected one of \(known.joined(separator: ", ")), found '\(country)'\(Suggestion.hint(for: country, among: known))", at: "jurisdiction")
                }
            }
            return Response.json(Self.services(library, country: country), status: .ok)
        }
        router.get("v1/facts") { _, _ in
            Response.json(Self.facts(rules.current.engine.library.catalog), status: .ok)
        }
    }

    static func services(_ library: RuleLibrary, country: String?) -> String {
        var w = JSONWriter()
        w.array { w in
            for service in library.services where country == nil || service.jurisdiction == country {
                w.object { w in
                    w.key("id"); w.string(service.id)
                    w.key("title"); w.string(service.title)
                    w.key("agency"); w.string(service.agency)
                    w.key("jurisdiction"); w.optional(service.jurisdiction)
                    w.key("rule"); w.string(service.origin.reference)
                    w.key("sources"); w.array { w in
                        for reference in service.sources {
                            guard let source = library.sources[reference.id] else { continue }
                            w.object { w in
                                w.key("id"); w.string(source.id)
                                w.key("kind"); w.string(source.kind.rawValue)
                                w.key("cite"); w.string(source.cite)
                                w.key("url"); w.optional(source.url)
                                w.key("verified"); w.bool(source.verified)
                            }
                        }
                    }
                }
            }
        }
        return w.text + "\n"
    }

    static func facts(_ catalog: FactCatalog) -> String {
        var w = JSONWriter()
        w.array { w in
            for name in catalog.names {
                guard let entry = catalog[name] else { continue }
                w.object { w in
                    w.key("name"); w.string(name)
                    w.key("type"); w.string(entry.type.name)
                    w.key("values"); w.array { w in
                        if case .enumeration(let values) = entry.type {
                            for value in values {
                                w.object { w in
                                    w.key("value"); w.string(value)
                                    w.key("label"); w.optional(entry.choiceLabels[value])
                                }
                            }
                        }
                    }
                    w.key("min"); w.optional(entry.min.map { FactValue.number($0).description })
                    w.key("max"); w.optional(entry.max.map { FactValue.number($0).description })
                    w.key("format"); w.optional(entry.format?.rawValue)
                    w.key("derived"); w.bool(entry.isDerived)
                    w.key("question"); w.optional(entry.question)
                    w.key("description"); w.optional(entry.description)
                }
            }
        }
        return w.text + "\n"
    }
}

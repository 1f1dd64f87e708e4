/// No barrier without evidence: every link that can make a patient wait (a prerequisite,
/// a comparison on a fact that a service or step can change, which covers an action's
/// `when`) must rest on a verified source or on a seed passage quoted word for word.
extension LibraryValidator {
    /// Checks every waiting link and every quote; returns the citation of each link.
    mutating func checkEvidence(derived: [DerivedFact]) -> [RuleOrigin: Citation] {
        let changeable = changeableFacts(derived: derived)
        var citations: [RuleOrigin: Citation] = [:]
        for file in files {
            let sink = file.sink
            for service in file.ruleSet.services {
                let own = Citation(sources: service.sources, quotes: service.quotes, origin: service.origin)
                checkQuotes(service.quotes, sink: sink)
                link(criteria: service.criteria, own: own, subject: "service '\(service.id)'", changeable: changeable,
                     sink: sink, into: &citations)
                link(service.requires, subject: "service '\(service.id)'", sink: sink, into: &citations)
            }
            for action in file.ruleSet.actions {
                let own = Citation(sources: action.sources, quotes: action.quotes, origin: action.origin)
                checkQuotes(action.quotes, sink: sink)
                link(criteria: action.when, own: own, subject: "action '\(action.id)'", changeable: changeable,
                     sink: sink, into: &citations)
                link(action.requires, subject: "action '\(action.id)'", sink: sink, into: &citations)
            }
        }
        return citations
    }

    /// The values a service's or step's effect can give each fact; a derived fact that
    /// reads such a fact can take any value (an empty list).
    private func changeableFacts(derived: [DerivedFact]) -> [String: [FactValue]] {
        var result: [String: [FactValue]] = [:]
        for f in files {
            for effect in f.ruleSet.services.flatMap(\.effects) + f.ruleSet.actions.flatMap(\.effects) {
                result[effect.fact, default: []].append(contentsOf: effect.becomes.value.map { [$0] } ?? [])
            }
        }
        for fact in derived {  // in evaluation order, so one pass sees every input first
            let reads: [String]
            switch fact.rule {
            case .daysSince(let source, _): reads = [source]
            case .cases(let cases, _): reads = cases.flatMap { $0.when.comparisons.map(\.fact) }
            }
            if reads.contains(where: { result[$0] != nil }) { result[fact.name] = [] }
        }
        return result
    }

    /// Whether a comparison could come out as wanted once the fact takes one of `values`
    /// (any value when the list is empty); comparisons other than equality may.
    private func couldHold(_ comparison: Comparison, _ wantTrue: Bool, after values: [FactValue]) -> Bool {
        guard !values.isEmpty else { return true }
        return values.contains { value in
            switch comparison.test {
            case .equals(let l): return l.value.map { value.matches($0) == wantTrue } ?? true
            case .oneOf(let ls): return ls.contains { $0.value.map(value.matches) ?? true } == wantTrue
            case .known(let flag): return flag == wantTrue
            default: return true
            }
        }
    }

    private func link(criteria: Condition?, own: Citation, subject: String, changeable: [String: [FactValue]],
                      sink: DiagnosticSink, into citations: inout [RuleOrigin: Citation]) {
        guard let criteria else { return }
        checkQuotes(in: criteria, sink: sink)
        for (comparison, origin, wantTrue, citation) in criteria.comparisonsWithCitations(inherited: own) {
            guard let values = changeable[comparison.fact], couldHold(comparison, wantTrue, after: values) else { continue }
            citations[origin] = citation
            if let missing = missingEvidence(citation) {
                sink.error("the criterion on '\(comparison.fact)' of \(subject) waits for a service or step that changes it, but \(missing)",
                           at: origin.location)
            }
        }
    }

    private func link(_ requires: [Prerequisite], subject: String, sink: DiagnosticSink,
                      into citations: inout [RuleOrigin: Citation]) {
        for p in requires {
            if let when = p.when { checkQuotes(in: when, sink: sink) }
            checkQuotes(p.quotes, sink: sink)
            let citation = Citation(sources: p.sources, quotes: p.quotes, origin: p.origin)
            citations[p.origin] = citation
            if let missing = missingEvidence(citation) {
                sink.error("the prerequisite '\(p.service)' of \(subject) makes the patient wait, but \(missing)", at: p.origin.location)
            }
        }
    }

    /// nil when the citation holds a quote or a verified source that is not a bare seed
    /// reference; else what is missing, in words.
    private func missingEvidence(_ citation: Citation) -> String? {
        guard citation.quotes.isEmpty else { return nil }
        let cited = citation.sources.compactMap { sources[$0.id] }
        if cited.contains(where: { $0.verified && $0.kind != .seed }) { return nil }
        let unverified = cited.filter { !$0.verified }.map(\.id)
        let seeds = cited.filter { $0.kind == .seed }.map(\.id)
        var parts: [String] = []
        if !unverified.isEmpty { parts.append("unverified sources (\(unverified.joined(separator: ", ")))") }
        if !seeds.isEmpty { parts.append("seed studies without a quote (\(seeds.joined(separator: ", ")))") }
        let rests = parts.isEmpty ? "it cites no source" : "it rests only on " + parts.joined(separator: " and ")
        return rests + "; cite a verified source or quote the seed word for word (quote: {seed: ..., text: \"...\"})"
    }

    private func checkQuotes(in condition: Condition, sink: DiagnosticSink) {
        for node in condition.nodes { checkQuotes(node.note.quotes, sink: sink) }
    }

    /// A quote names a seed study declared as a source of kind seed.
    private func checkQuotes(_ quotes: [Quote], sink: DiagnosticSink) {
        for quote in quotes {
            guard let source = sources[quote.seed] else {
                sink.error("a quote names unknown source '\(quote.seed)'\(Suggestion.hint(for: quote.seed, among: sources.filter { $0.value.kind == .seed }.keys.sorted()))",
                           at: quote.location)
                continue
            }
            if source.kind != .seed {
                sink.error("a quote must come from a seed study; '\(quote.seed)' is a source of kind \(source.kind.rawValue)", at: quote.location)
            }
        }
    }
}

extension Explainer {
    /// The evidence of the waiting link written at `origin`: its quotes first, then the
    /// sources it cites, each marked verified or not.
    func evidence(at origin: RuleOrigin) -> [Evidence] {
        guard let citation = program.library.citations[origin] else { return [] }
        let quotes = citation.quotes.map {
            Evidence(kind: .quote, source: $0.seed, text: Quote.normalizingSpace($0.text), verified: true)
        }
        let quoted = Set(citation.quotes.map(\.seed))
        let sources = citation.sources.compactMap { ref -> Evidence? in
            // A seed study already quoted says more in its quote than in its citation.
            guard let source = program.library.sources[ref.id], !quoted.contains(ref.id) else { return nil }
            return Evidence(kind: .source, source: source.id, text: source.cite, verified: source.verified, note: source.note)
        }
        return quotes + sources
    }
}

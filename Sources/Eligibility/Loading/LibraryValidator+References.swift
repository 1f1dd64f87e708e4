extension LibraryValidator {
    // Citations, the facts rules read, and the services tests name: references checked across files.

    // MARK: citations

    /// A rule needs a plain-words reason and at least one source; sources must exist, and a
    /// rule resting only on unconfirmed sources must also cite a seed study.
    func checkCitations(_ refs: [SourceReference], because: String?, subject: String,
                                at location: SourceLocation, sink: DiagnosticSink, needsBecause: Bool = true) {
        if needsBecause, because?.isEmpty ?? true {
            sink.error("\(subject) needs 'because:' in plain words", at: location)
        }
        if refs.isEmpty {
            sink.error("\(subject) needs 'source:' citing a law, guideline, agency page or seed study", at: location)
        }
        checkSourceIds(refs, subject: subject, at: location, sink: sink)
    }

    func checkSourceIds(_ refs: [SourceReference], subject: String, at location: SourceLocation, sink: DiagnosticSink) {
        var found: [Source] = []
        for ref in refs {
            guard let source = sources[ref.id] else {
                sink.error("unknown source '\(ref.id)'\(Suggestion.hint(for: ref.id, among: sources.keys.sorted()))", at: ref.location)
                continue
            }
            found.append(source)
        }
        if !found.isEmpty, found.count == refs.count, found.allSatisfy({ !$0.verified && $0.kind != .seed && $0.kind != .study }) {
            sink.error("\(subject) cites only unconfirmed sources (\(found.map(\.id).joined(separator: ", "))); cite the seed study whose value it uses too",
                       at: location)
        }
    }

    /// Each criterion of a service (a part of its top-level `all`/`any`, or the single
    /// comparison) cites its own source unless the service's own citation covers it: the
    /// sources it names must exist.
    func checkCriterionCitations(_ condition: Condition, subject: String, sink: DiagnosticSink) {
        for note in condition.nodes.map(\.note) where !note.sources.isEmpty {
            checkSourceIds(note.sources, subject: "a criterion of \(subject)", at: note.origin.location, sink: sink)
        }
    }

    // MARK: unread facts and tests

    func checkUnreadFacts() {
        for file in files {
            for fact in file.ruleSet.facts where !readFacts.contains(fact.name) {
                file.sink.error("fact '\(fact.name)' is declared but no rule reads it; mark it 'informational: true' if it is kept for context",
                                at: fact.origin.location)
            }
        }
    }

    func checkTests(at index: Int, services: Set<String>) {
        let sink = files[index].sink
        let decoder = PatientDecoder(catalog: catalog)
        for test in files[index].ruleSet.tests {
            _ = decoder.decode(test.patient, sink: sink, asOf: test.asOf, checkingDates: true)
            let named = test.expect.map { ($0.service, $0.location) }
                + test.expectMissing.map { ($0.service, $0.location) }
                + test.expectPlan.map { ($0.service, $0.location) }
                + test.expectCycle.map { ($0.service, $0.location) }
                + test.expectWaysOut.map { ($0.service, $0.location) }
            for (service, location) in named where !services.contains(service) {
                sink.error("test '\(test.name)' names unknown service '\(service)'\(Suggestion.hint(for: service, among: services))", at: location)
            }
            for (service, facts, location) in test.expectMissing {
                for fact in facts where catalog[fact] == nil {
                    sink.error("test '\(test.name)' expects unknown fact '\(fact)' missing for '\(service)'", at: location)
                }
            }
        }
    }
}

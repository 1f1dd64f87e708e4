/// Patient facts that arrive inside something larger: the `facts` object of an HTTP body,
/// or one form field as a person typed it.
extension PatientDecoder {
    /// Reads a mapping of facts that sits inside a larger document, so that errors point
    /// into that document (`request body:3:12: error: ...`). A past event dated after the
    /// facts' own `as_of` is refused here, as a patient file is: facts kept with it (a
    /// case) would otherwise be taken and then refused by every report made from them.
    package func decode(_ node: YAMLNode, in source: SourceText) throws(LoadFailure) -> Patient {
        let sink = DiagnosticSink(source: source, limit: Self.reportedProblems)
        let patient = decode(node, sink: sink, checkingDates: true)
        guard sink.diagnostics.isEmpty, let patient else { throw sink.failure }
        return patient
    }

    /// One fact's value from the text of a form field: nil for an empty field (unknown).
    /// - Throws: the message naming the fact, what was expected and what was found.
    package func value(of fact: String, typed text: String) throws(FieldError) -> FactValue? {
        if text.isEmpty { return nil }
        let node = YAMLNode(.scalar(YAMLScalar(text: text, isPlain: catalog[fact]?.type != .string)),
                            at: SourceLocation(line: 1, column: 1))
        let sink = DiagnosticSink(source: SourceText(name: fact, text: text))
        let value = self.value(node, fact: fact, sink: sink)
        if let problem = sink.diagnostics.first { throw FieldError(field: fact, message: problem.message) }
        guard let entry = catalog[fact] else { throw FieldError(field: fact, message: "unknown fact '\(fact)'") }
        guard let value else {
            throw FieldError(field: fact, message: "fact '\(fact)' must be \(Self.expected(entry.type)); found \"\(text)\"")
        }
        return value
    }
}

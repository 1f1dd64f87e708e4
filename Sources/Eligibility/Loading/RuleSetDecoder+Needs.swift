extension RuleSetDecoder {
    /// A need: `id: {title, when?, because?, source}`.
    func need(_ pair: YAMLPair) -> Need? {
        guard let id = pair.key.scalar?.text, !id.isEmpty else {
            sink.error("a need needs a name", at: pair.key.location)
            return nil
        }
        guard let reader = MappingReader(pair.value, subject: "need '\(id)'", sink: sink) else { return nil }
        reader.rejectUnknownKeys(allowed: ["title", "when", "because", "source"])
        let title = reader.text("title", required: true)
        return Need(id: id, title: title ?? id,
                    when: reader.value("when").flatMap { ConditionDecoder(sink: sink).decode($0, field: "when") },
                    because: reader.text("because"), sources: reader.sourceReferences(),
                    origin: sink.origin(pair.key.location))
    }

    /// A service's `patient_cost: {percent, description, source}`.
    func patientCost(_ service: MappingReader) -> PatientCost? {
        guard let node = service.value("patient_cost"),
              let reader = MappingReader(node, subject: "patient_cost", sink: sink) else { return nil }
        reader.rejectUnknownKeys(allowed: ["percent", "description", "unaffordable_when", "source"])
        guard let percentNode = reader.required("percent"), let percent = reader.number("percent"),
              let description = reader.text("description", required: true) else { return nil }
        guard percent >= 0, percent <= 100 else {
            sink.error("'percent' must be between 0 and 100; found \(FactValue.number(percent))", at: percentNode.location)
            return nil
        }
        let sources = reader.sourceReferences()
        if sources.isEmpty {
            sink.error("patient_cost needs 'source:' citing where the share comes from", at: node.location)
        }
        return PatientCost(percent: percent, description: description,
                           unaffordableWhen: reader.value("unaffordable_when").flatMap { ConditionDecoder(sink: sink).decode($0, field: "unaffordable_when") },
                           sources: sources, origin: sink.origin(node.location))
    }

    /// An alert: `id: {when, text, route_note?, source}`.
    func alert(_ pair: YAMLPair, jurisdiction: String?) -> AlertRule? {
        guard let id = pair.key.scalar?.text, !id.isEmpty else {
            sink.error("an alert needs a name", at: pair.key.location)
            return nil
        }
        guard let reader = MappingReader(pair.value, subject: "alert '\(id)'", sink: sink) else { return nil }
        reader.rejectUnknownKeys(allowed: ["when", "text", "headline", "route_note", "source"])
        let text = reader.text("text", required: true)
        let when = reader.required("when").flatMap { ConditionDecoder(sink: sink).decode($0, field: "when") }
        let sources = reader.sourceReferences()
        if sources.isEmpty { sink.error("alert '\(id)' needs 'source:'", at: pair.key.location) }
        guard let text, let when else { return nil }
        var alert = AlertRule(id: id, when: when, text: text, routeNote: reader.text("route_note"), jurisdiction: jurisdiction,
                              sources: sources, origin: sink.origin(pair.key.location))
        alert.headline = reader.text("headline")
        return alert
    }
}

extension PatientDecoder {
    /// A date that has already happened (a fact declared `past_only`: the start of a sick
    /// leave, the start of an episode, an event) cannot lie after the evaluation date; when
    /// it does, the day counts would go negative, so it is refused where it is written.
    func checkPastDates(_ patient: Patient, _ node: YAMLNode, evaluatedOn day: Day, sink: DiagnosticSink) {
        for name in pastOnlyNames {
            guard case .date(let date)? = patient.facts[name], date > day else { continue }
            sink.error(Self.futureEvent(name, date, evaluatedOn: day),
                       at: Self.valueNode(named: name, in: node)?.location ?? node.location)
        }
    }

    /// Why a date of fact `name` (declared `past_only`) is refused.
    static func futureEvent(_ name: String, _ date: Day, evaluatedOn day: Day) -> String {
        "fact '\(name)' is \(date), after the evaluation date \(day); it says when something happened, so it cannot lie after the evaluation date (check the date, the patient's as_of or --as-of)"
    }

    /// The node holding a fact's value, written nested (`employment: {sick_leave_start: ...}`)
    /// or with a dotted key.
    static func valueNode(named name: String, in node: YAMLNode, prefix: String = "") -> YAMLNode? {
        for pair in node.pairs ?? [] {
            guard let key = pair.key.scalar?.text else { continue }
            let full = prefix.isEmpty ? key : "\(prefix).\(key)"
            if full == name { return pair.value }
            if name.hasPrefix(full + "."), let found = valueNode(named: name, in: pair.value, prefix: full) { return found }
        }
        return nil
    }
}

extension RuleSetDecoder {
    /// A test case: a patient and what the author expects.
    func test(_ node: YAMLNode) -> RuleTest? {
        guard let reader = MappingReader(node, subject: "a test", sink: sink) else { return nil }
        reader.rejectUnknownKeys(allowed: ["name", "as_of", "patient", "expect", "expect_missing", "expect_plan",
                                           "expect_cycle", "expect_ways_out"])
        let name = reader.text("name", required: true) ?? "(unnamed)"
        guard let patient = reader.required("patient") else { return nil }
        var expect: [(String, Status, SourceLocation)] = []
        for pair in reader.entries("expect") {
            guard let service = pair.key.scalar?.text,
                  let word = MappingReader.text(pair.value, field: service, sink: sink) else { continue }
            guard let status = Status(rawValue: word) else {
                let names = Status.allCases.map(\.rawValue)
                sink.error("'\(word)' is not a status; expected one of \(names.joined(separator: ", "))\(Suggestion.hint(for: word, among: names))",
                           at: pair.value.location)
                continue
            }
            expect.append((service, status, pair.key.location))
        }
        if reader.value("expect") == nil {
            sink.error("test '\(name)' is missing required field 'expect'", at: node.location)
        }
        func lists(_ key: String) -> [(String, [String], SourceLocation)] {
            reader.entries(key).compactMap { pair in
                guard let service = pair.key.scalar?.text else { return nil }
                let items = (pair.value.items ?? [pair.value]).compactMap {
                    MappingReader.text($0, field: key, sink: sink)
                }
                return (service, items, pair.key.location)
            }
        }
        return RuleTest(name: name, asOf: reader.date("as_of"), patient: patient, expect: expect,
                        expectMissing: lists("expect_missing"), expectPlan: lists("expect_plan"),
                        expectCycle: lists("expect_cycle"), expectWaysOut: lists("expect_ways_out"),
                        origin: sink.origin(node.location))
    }
}

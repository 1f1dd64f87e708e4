/// Reads a patient profile (contract §1) against the facts the rules declare.
///
/// Nested objects become dotted facts; absent or null means unknown; an unknown key is
/// an error naming it with the closest known fact; a wrong type names the fact, the
/// expected type and the value.
public struct PatientDecoder: Sendable {
    public let catalog: FactCatalog
    private let prefixes: Set<String>
    /// The facts a patient may state, each with what reading its value needs.
    private let inputs: [String: ValueRule]
    /// The facts declared `past_only`, in catalogue order.
    let pastOnlyNames: [String]

    public init(catalog: FactCatalog) {
        self.catalog = catalog
        self.prefixes = catalog.inputPrefixes
        self.inputs = Dictionary(uniqueKeysWithValues: catalog.inputNames.compactMap { name in catalog[name].map { (name, ValueRule($0)) } })
        self.pastOnlyNames = catalog.inputNames.filter { catalog[$0]?.pastOnly == true }
    }

    /// Reads a patient file, YAML or JSON (JSON when the name ends in `.json`, or when the
    /// text starts with `{` and the name does not end in `.yaml` or `.yml`), with or without
    /// a byte-order mark. The patient must have an `id`
    /// (contract §1); the patients inside rule tests, read by `decode(_:sink:)`, need none.
    /// - Parameters:
    ///   - asOf: the evaluation date the caller will use instead of the patient's `as_of`.
    ///   - today: the date to check against when neither is given (none: no check).
    ///   - checkingDates: false reads the dates as given, as a cohort line is read.
    /// - Throws: every problem, among them a date that cannot lie after the evaluation date
    ///   (a fact declared `past_only`) but does.
    public func decode(_ source: SourceText, asOf: Day? = nil, today: Day? = nil, checkingDates: Bool = true) throws(LoadFailure) -> Patient {
        let node: YAMLNode
        do throws(Diagnostic) {
            let text = source.bytes.starts(with: UTF8Text.byteOrderMark) ? source.bytes.dropFirst(UTF8Text.byteOrderMark.count) : source.bytes[...]
            let firstByte = text.first { ![9, 10, 13, 32].contains($0) }
            // A file named .yaml or .yml is YAML even when it starts with '{' (JSON is a
            // subset of YAML's flow style, but a flow mapping such as `{age: 30}` is not JSON).
            let namedYAML = source.name.hasSuffix(".yaml") || source.name.hasSuffix(".yml")
            if source.name.hasSuffix(".json") || !namedYAML && firstByte == UInt8(ascii: "{") {
                node = try JSONDocument.parse(source, limits: .patient)
            } else if let parsed = try YAMLDocument.parse(source, limits: .patient) {
                node = parsed
            } else {
                throw source.diagnostic("the patient file is empty; expected a mapping of facts", at: nil)
            }
        } catch {
            throw LoadFailure([error])
        }
        let sink = DiagnosticSink(source: source, limit: Self.reportedProblems)
        let patient = decodeFile(node, sink: sink, asOf: asOf, today: today, checkingDates: checkingDates)
        guard sink.diagnostics.isEmpty, let patient else { throw sink.failure }
        return patient
    }

    /// The problems of one patient input worded in full; the rest are counted in one line
    /// ("and 980 more problems"). Twenty is more than a person fixes before trying again,
    /// and a hostile input's thousands of problems cost neither their words nor the
    /// memory of a copy of the line each.
    package static let reportedProblems = 20

    /// A patient file's contents (or a cohort line's), held to the rules of a patient
    /// file: as `decode(_:sink:)`, and the patient must have an `id`.
    func decodeFile(_ node: YAMLNode, sink: DiagnosticSink, asOf: Day? = nil, today: Day? = nil, checkingDates: Bool = false) -> Patient? {
        let patient = decode(node, sink: sink, asOf: asOf, today: today, checkingDates: checkingDates)
        // An `id` written but unusable (not text, empty) has its own error already.
        let written = node["id"].map { node in if case .null = node.scalar?.resolved { return false } else { return true } } ?? false
        if let patient, patient.id == nil, node.pairs != nil, !written {
            sink.error("the patient is missing required field 'id' (text that names the patient, like p-0001)",
                       at: node["id"]?.location ?? node.location)
        }
        return patient
    }

    /// - Parameter checkingDates: refuse dates of past events that lie after the evaluation
    ///   date (patient files and rule tests; cohort lines are read without this check).
    func decode(_ node: YAMLNode, sink: DiagnosticSink, asOf: Day? = nil, today: Day? = nil, checkingDates: Bool = false) -> Patient? {
        guard let pairs = node.pairs else {
            sink.error("a patient must be a mapping of facts, found \(node.kindDescription)", at: node.location)
            return nil
        }
        var patient = Patient()
        // Room for every fact a patient may state, so the table is never rebuilt as it fills.
        patient.facts.reserveCapacity(inputs.count)
        // Where each fact was first given, nested or dotted: a fact given twice is an
        // error at the second place naming the first, since neither value can be trusted.
        var givenAt: [String: SourceLocation] = [:]
        for pair in pairs {
            guard let key = pair.key.scalar?.text else { continue }
            switch key {
            case "id":
                if case .null = pair.value.scalar?.resolved { continue }
                guard let text = pair.value.scalar?.text else {
                    sink.error("'id' must be text, found \(pair.value.kindDescription)", at: pair.value.location)
                    continue
                }
                // An id names the patient so that answers can be joined back to them.
                guard !text.isEmpty else {
                    sink.error("'id' must name the patient (text like p-0001), found empty text", at: pair.value.location)
                    continue
                }
                patient.id = text
            case "as_of":
                if case .null = pair.value.scalar?.resolved { continue }
                patient.asOf = MappingReader.date(pair.value, field: "as_of", sink: sink)
            default:
                read(pair, prefix: "", into: &patient.facts, givenAt: &givenAt, sink: sink)
            }
        }
        if checkingDates, let day = asOf ?? patient.asOf ?? today { checkPastDates(patient, node, evaluatedOn: day, sink: sink) }
        return patient
    }

    private func read(_ pair: YAMLPair, prefix: String, into facts: inout [String: FactValue],
                      givenAt: inout [String: SourceLocation], sink: DiagnosticSink) {
        guard let key = pair.key.scalar?.text else { return }
        let name = prefix.isEmpty ? key : "\(prefix).\(key)"
        let value = pair.value
        if let rule = inputs[name] {
            if let first = givenAt[name] {
                sink.error("fact '\(name)' given twice: here and at \(first.line):\(first.column)", at: pair.key.location)
                facts[name] = nil
                return
            }
            givenAt[name] = pair.key.location
            if let typed = self.value(value, fact: name, rule: rule, sink: sink) { facts[name] = typed }
            return
        }
        if prefixes.contains(name) {
            if case .null = value.scalar?.resolved { return }
            guard let inner = value.pairs else {
                sink.error("'\(name)' must be an object of facts (\(members(of: name))), found \(value.kindDescription)",
                           at: value.location)
                return
            }
            for innerPair in inner { read(innerPair, prefix: name, into: &facts, givenAt: &givenAt, sink: sink) }
            return
        }
        var message = "unknown fact '\(name)'"
        if catalog[name]?.isDerived == true {
            message = "'\(name)' is derived by the rules and cannot be given"
        } else if let near = Suggestion.closest(to: name, among: catalog.inputNames) ?? Suggestion.closest(to: name, among: prefixes) {
            message += "; did you mean '\(near)'?"
        }
        sink.error(message, at: pair.key.location)
    }

    private func members(of prefix: String) -> String {
        let names = catalog.inputNames.filter { $0.hasPrefix(prefix + ".") }
            .map { String($0.dropFirst(prefix.count + 1)) }
        return names.prefix(6).joined(separator: ", ") + (names.count > 6 ? ", ..." : "")
    }

    /// A fact's value typed by its declaration; nil for null (unknown) or an error.
    func value(_ node: YAMLNode, fact: String, sink: DiagnosticSink) -> FactValue? {
        guard let rule = inputs[fact] ?? catalog[fact].map(ValueRule.init) else { return nil }
        return value(node, fact: fact, rule: rule, sink: sink)
    }

    /// What reading a value needs of a fact's declaration (a catalogue entry, without the
    /// words, labels and origin that an entry carries besides).
    struct ValueRule: Sendable {
        var type: FactType
        var format: FactFormat?
        var min: Double?
        var max: Double?

        init(_ entry: FactCatalog.Entry) {
            type = entry.type
            format = entry.format
            min = entry.min
            max = entry.max
        }
    }

    private func value(_ node: YAMLNode, fact: String, rule: ValueRule, sink: DiagnosticSink) -> FactValue? {
        guard let scalar = node.scalar else {
            sink.error("fact '\(fact)' must be \(Self.expected(rule.type)); found \(node.kindDescription)", at: node.location)
            return nil
        }
        let resolved = scalar.resolved
        if case .null = resolved { return nil }
        if rule.type == .integer || rule.type == .number, scalar.isPlain, let problem = Self.numberProblem(scalar.text, resolved) {
            sink.error("fact '\(fact)' \(problem)", at: node.location)
            return nil
        }
        let result: FactValue?
        switch (rule.type, resolved) {
        case (.bool, .bool(let v)): result = .bool(v)
        case (.integer, .integer(let v)): result = .integer(v)
        case (.number, .integer(let v)): result = .number(Double(v))
        case (.number, .float(let v)) where v.isFinite: result = .number(v)
        case (.string, _) where rule.format == .icd10:
            // A code in canonical form (`F32.1`) is kept as written: the reader would give
            // it back unchanged.
            if let packed = ICD10Code.packedIfPlain(scalar.text.utf8), packed != 0 {
                result = .string(scalar.text)
                break
            }
            do throws(ICD10Code.Problem) {
                result = .string(try ICD10Code(parsing: scalar.text).text)
            } catch {
                sink.error("fact '\(fact)' must be an ICD-10 code such as F32.1 (DF321, F32,1 and F321 are read as F32.1); found '\(scalar.text)', \(error)",
                           at: node.location)
                return nil
            }
        case (.string, _): result = .string(scalar.text)
        case (.enumeration(let values), _) where values.contains(scalar.text): result = .string(scalar.text)
        case (.date, _): result = Day(iso: scalar.text).map { .date($0) }
        default: result = nil
        }
        guard let result else {
            var message = "fact '\(fact)' must be \(Self.expected(rule.type)); found \(node.kindDescription)"
            if case .enumeration(let values) = rule.type {
                message += Suggestion.hint(for: scalar.text, among: values)
            }
            sink.error(message, at: node.location)
            return nil
        }
        if let number = result.numeric {
            if let min = rule.min, number < min {
                sink.error("fact '\(fact)' must be at least \(FactValue.number(min)); found \(result)", at: node.location)
                return nil
            }
            if let max = rule.max, number > max {
                sink.error("fact '\(fact)' must be at most \(FactValue.number(max)); found \(result)", at: node.location)
                return nil
            }
        }
        return result
    }

    static func expected(_ type: FactType) -> String {
        switch type {
        case .bool: return "true or false"
        case .integer: return "a whole number"
        case .number: return "a number"
        case .string: return "text"
        case .date: return "a date YYYY-MM-DD"
        case .enumeration(let values): return "one of " + values.joined(separator: ", ")
        }
    }
}

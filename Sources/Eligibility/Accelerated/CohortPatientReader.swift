/// Reads cohort lines into a reusable slot buffer: the fast parser first, the exact
/// reader when the fast one declines (which also words the error of a bad line). A line
/// is held to the rules of a patient file (an id, UTF-8, no key twice: what the exact
/// reader refuses is a bad line), and so is a line over `CohortReader.maxLine` bytes, a
/// patient without a jurisdiction, and a date of something that has happened (a fact
/// declared `past_only`) after the line's evaluation date. A CSV cohort's lines are read
/// by the columns of its header instead (`CohortPatientReader+CSV`), to the same rules.
/// One per worker: copies of a reader share its slots.
struct CohortPatientReader {
    enum Outcome {
        case patient(CohortLineParser.Header)
        case bad(column: Int, message: String)
    }

    let vocabulary: Vocabulary
    let parser: CohortLineParser
    let decoder: PatientDecoder
    let file: String
    /// The facts of the line just read, one per input slot of the vocabulary (`slotCount`).
    let slots: UnsafeMutablePointer<SlotValue>
    let slotCount: Int
    private let slotTable: WorkerTable<SlotValue>
    /// The jurisdiction's slot, or -1 when the rules have no such fact.
    let jurisdictionSlot: Int
    /// For lines read the exact way, the patient's id (the fast path points into the line).
    var slowId: String?
    var habits: CohortLineParser.LineHabits
    /// The date every line is evaluated on when set (`--as-of`), whatever its `as_of` says.
    let fixedDate: Day?
    /// The date a line without `as_of` is evaluated on.
    let defaultDate: Day
    /// The slots of the facts declared `past_only`.
    let pastOnlySlots: [Int]
    /// A CSV cohort's header, its cells and what each column holds (`CSVColumns`); nil for JSON Lines.
    let csv: CSVHeader?
    var cells: CSVCells
    let columnSlots: WorkerTable<Int32>
    /// False sends every CSV cell to the exact reader (for the tests and the fuzzer that
    /// hold the two equal).
    var fastCells = true

    init(vocabulary: Vocabulary, file: String, defaultDate: Day = .today, fixedDate: Day? = nil, csv: CSVHeader? = nil) {
        self.vocabulary = vocabulary
        parser = CohortLineParser(vocabulary: vocabulary)
        decoder = PatientDecoder(catalog: vocabulary.mergedCatalog)
        self.file = file
        slotTable = WorkerTable(repeating: .unknown, count: vocabulary.inputCount)
        slots = slotTable.pointer
        slotCount = vocabulary.inputCount
        jurisdictionSlot = vocabulary.slotOf["jurisdiction"] ?? -1
        habits = parser.newLineHabits()
        self.defaultDate = defaultDate
        self.fixedDate = fixedDate
        pastOnlySlots = decoder.pastOnlyNames.compactMap { vocabulary.slotOf[$0] }
        self.csv = csv
        cells = CSVCells(capacity: csv?.columns.count ?? 1)
        columnSlots = WorkerTable(csv?.columns.map(Self.columnSlot) ?? [])
    }

    /// The date the line with this header is evaluated on.
    func evaluationDate(_ header: CohortLineParser.Header) -> Day { fixedDate ?? header.asOf ?? defaultDate }

    mutating func read(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Outcome {
        if end - start > CohortReader.maxLine {
            return .bad(column: CohortReader.maxLine + 1,
                        message: "the line is longer than \(CohortReader.maxLine) bytes, the most a cohort line may have")
        }
        for i in 0..<slotCount { slots[i] = .unknown }
        slowId = nil
        if let csv { return readCSV(base, start, end, csv) }
        var header = CohortLineParser.Header()
        if parser.parse(base, start, end, into: slots, header: &header, habits: &habits),
           header.idEnd > header.idStart, jurisdictionSlot < 0 || slots[jurisdictionSlot].isKnown,
           !hasFutureEvent(evaluationDate(header)) {
            return .patient(header)
        }
        for i in 0..<slotCount { slots[i] = .unknown }
        return readExactly(Array(UnsafeBufferPointer(start: base + start, count: end - start)))
    }

    /// The exact reader: the line's bytes checked and decoded as a patient file would be.
    private mutating func readExactly(_ bytes: [UInt8]) -> Outcome {
        if bytes.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) {
            return .bad(column: 1, message: "empty line; expected a patient as a JSON object")
        }
        let text = SourceText(name: file, bytes: bytes)
        let node: YAMLNode
        do {
            node = try JSONDocument.parse(text, limits: .patient)
        } catch {
            return .bad(column: error.location?.column ?? 1, message: error.message)
        }
        // A rejected line reports its first problem only: the rest are not worded.
        let sink = DiagnosticSink(source: text, limit: 1)
        // The same date check as a patient file's, which also locates the value.
        let patient = decoder.decodeFile(node, sink: sink, asOf: fixedDate, today: defaultDate, checkingDates: true)
        if let first = sink.diagnostics.first {
            return .bad(column: first.location?.column ?? 1, message: first.message)
        }
        guard let patient else { return .bad(column: 1, message: "unreadable patient") }
        if jurisdictionSlot >= 0 && patient.facts["jurisdiction"] == nil {
            var countries: [String] = []
            if case .enumeration(let values)? = vocabulary.mergedCatalog["jurisdiction"]?.type { countries = values }
            return .bad(column: 1, message: Engine.noJurisdiction(countries))
        }
        for (name, value) in patient.facts {
            if let slot = vocabulary.slotOf[name] { slots[slot] = vocabulary.slotValue(value) }
        }
        slowId = patient.id
        var header = CohortLineParser.Header()
        header.asOf = patient.asOf
        return .patient(header)
    }

    /// Whether a fact declared `past_only` holds a date after `day` (the exact reader then
    /// words and locates the error).
    func hasFutureEvent(_ day: Day) -> Bool {
        for slot in pastOnlySlots where slots[slot].tag == .date && slots[slot].bits > Int64(day.ordinal) { return true }
        return false
    }

    /// The id of the patient just read, from the line (or the exact reader); `missing` when it has none.
    func patientId(_ header: CohortLineParser.Header, _ base: UnsafePointer<UInt8>, missing: String) -> String {
        if let id = slowId { return id }
        guard header.idEnd > header.idStart else { return missing }
        return String(decoding: UnsafeBufferPointer(start: base + header.idStart, count: header.idEnd - header.idStart), as: UTF8.self)
    }
}

/// Reads cohort lines into a reusable slot buffer: the fast parser first, the exact
/// reader when the fast one declines (which also words the error of a bad line).
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
    private let slotBuffer: OwnedBuffer<SlotValue>
    /// For lines read the exact way, the patient's id (the fast path points into the line).
    var slowId: String?
    private var order: CohortLineParser.LineMemory

    init(vocabulary: Vocabulary, parser: CohortLineParser, file: String) {
        self.vocabulary = vocabulary
        self.parser = parser
        self.decoder = PatientDecoder(catalog: vocabulary.mergedCatalog)
        self.file = file
        slotBuffer = OwnedBuffer(repeating: .unknown, count: vocabulary.inputCount)
        slots = slotBuffer.pointer
        slotCount = vocabulary.inputCount
        self.order = parser.newLineMemory()
    }

    mutating func read(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Outcome {
        for i in 0..<slotCount { slots[i] = .unknown }
        slowId = nil
        var header = CohortLineParser.Header()
        if parser.parse(base, start, end, into: slots, header: &header, order: &order) { return .patient(header) }
        for i in 0..<slotCount { slots[i] = .unknown }
        let text = SourceText(name: file, bytes: Array(UnsafeBufferPointer(start: base + start, count: end - start)))
        if text.bytes.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) {
            return .bad(column: 1, message: "empty line; expected a patient as a JSON object")
        }
        let node: YAMLNode
        do {
            node = try JSONDocument.parse(text)
        } catch {
            return .bad(column: error.location?.column ?? 1, message: error.message)
        }
        let sink = DiagnosticSink(source: text)
        let patient = decoder.decode(node, sink: sink)
        if let first = sink.diagnostics.first {
            return .bad(column: first.location?.column ?? 1, message: first.message)
        }
        guard let patient else { return .bad(column: 1, message: "unreadable patient") }
        for (name, value) in patient.facts {
            if let slot = vocabulary.slotOf[name] { slots[slot] = vocabulary.slotValue(value) }
        }
        slowId = patient.id
        header.asOf = patient.asOf
        header.idStart = 0
        header.idEnd = 0
        return .patient(header)
    }

    /// The id of the patient just read, from the line (or the exact reader); `missing` when it has none.
    func patientId(_ header: CohortLineParser.Header, _ base: UnsafePointer<UInt8>, missing: String) -> String {
        if let id = slowId { return id }
        guard header.idEnd > header.idStart else { return missing }
        return String(decoding: UnsafeBufferPointer(start: base + header.idStart, count: header.idEnd - header.idStart), as: UTF8.self)
    }
}

/// A CSV cohort's line read by the columns of its header into the same slots a JSON line
/// fills, without making JSON of it. Each cell holds one value, read by the rules a JSON
/// line's value is read by: an empty cell (quoted or not) is an unknown fact; a yes/no fact
/// is `true` or `false`, a number is written as JSON writes it, and a date, a choice, a
/// code or a text is the content a JSON string would have (cells are taken as written,
/// spaces included). The fast reader (`CohortLineParser.cell`) reads the common cells;
/// the others go to `PatientDecoder`, which also words what is wrong with a bad one.
extension CohortPatientReader {
    static let idColumn: Int32 = -1
    static let asOfColumn: Int32 = -2

    /// A column's input slot, or `idColumn` or `asOfColumn`.
    static func columnSlot(_ column: CSVHeader.Column) -> Int32 {
        switch column {
        case .id: return idColumn
        case .asOf: return asOfColumn
        case .fact(_, let slot): return Int32(slot)
        }
    }

    /// Reads `base[start..<end]`, a line without its newline and of at most
    /// `CohortReader.maxLine` bytes, as the patient of a CSV cohort (into slots all unknown).
    mutating func readCSV(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ csv: CSVHeader) -> Outcome {
        var header = CohortLineParser.Header()
        func column(_ at: Int) -> Int { CSVCells.column(of: at, lineStart: start) }
        if let problem = cells.split(base, start, end) { return .bad(column: problem.column(lineStart: start), message: problem.message) }
        let width = csv.columns.count
        if cells.overflowAt >= 0 {
            return .bad(column: column(cells.overflowAt),
                        message: "the line has more cells than the header has columns; expected \(width), one for each column of the header")
        }
        if cells.count < width {
            if cells.count == 1 && cells.at.pointer[0] == cells.end.pointer[0] {
                return .bad(column: 1, message: "empty line; expected a patient's \(width) cells, one for each column of the header")
            }
            var stop = end
            if stop > start && base[stop - 1] == 13 { stop -= 1 }
            return .bad(column: column(stop),
                        message: "the line has \(cells.count) cells; expected \(width), one for each column of the header (the first missing is '\(csv.columns[cells.count].name)')")
        }
        for k in 0..<width {
            let s = cells.start.pointer[k], e = cells.end.pointer[k]
            // An empty cell, quoted or not: the fact is unknown.
            if s == e { continue }
            let slot = columnSlots.pointer[k]
            let fast = fastCells && !cells.doubled.pointer[k]
            if slot >= 0 {
                if fast && parser.cell(slot: Int(slot), base, s, e, slots, &habits) { continue }
                if let bad = readExactly(cell: k, base, start, csv) { return bad }
            } else if slot == Self.idColumn {
                // The fast reader only takes ids of printable ASCII without backslashes:
                // their bytes are already valid inside JSON quotes (`CohortCheck` copies them).
                if fast && Self.isPlainId(base, s, e) {
                    header.idStart = s
                    header.idEnd = e
                    continue
                }
                guard let text = cells.text(k, base) else { return .bad(column: column(cells.at.pointer[k]), message: CSVCells.notUTF8) }
                slowId = text
            } else {
                if fast, let day = habits.day(base, s, e) {
                    header.asOf = day
                    continue
                }
                guard let text = cells.text(k, base) else { return .bad(column: column(cells.at.pointer[k]), message: CSVCells.notUTF8) }
                let sink = DiagnosticSink(source: SourceText(name: file, bytes: []), limit: 1)
                let node = YAMLNode(.scalar(YAMLScalar(text: text, isPlain: false)), at: SourceLocation(line: 1, column: column(cells.at.pointer[k])))
                guard let day = MappingReader.date(node, field: "as_of", sink: sink) else {
                    return .bad(column: node.location.column, message: sink.diagnostics.first?.message ?? "'as_of' must be a date YYYY-MM-DD")
                }
                header.asOf = day
            }
        }
        return checkWhole(header, base, start, csv)
    }

    /// What a patient needs besides readable cells: an id, a jurisdiction, and no past
    /// event dated after the evaluation date (the checks a JSON line is held to).
    private func checkWhole(_ header: CohortLineParser.Header, _ base: UnsafePointer<UInt8>, _ start: Int, _ csv: CSVHeader) -> Outcome {
        func columnOf(slot: Int32) -> Int {
            guard let k = (0..<csv.columns.count).first(where: { columnSlots.pointer[$0] == slot }) else { return 1 }
            return CSVCells.column(of: cells.at.pointer[k], lineStart: start)
        }
        if header.idEnd == header.idStart && slowId == nil {
            return .bad(column: columnOf(slot: Self.idColumn), message: "the patient's 'id' cell is empty; expected text that names the patient, like p-0001")
        }
        if jurisdictionSlot >= 0 && !slots[jurisdictionSlot].isKnown {
            var countries: [String] = []
            if case .enumeration(let values)? = vocabulary.mergedCatalog["jurisdiction"]?.type { countries = values }
            let column = csv.columns.contains(.fact("jurisdiction", slot: jurisdictionSlot)) ? columnOf(slot: Int32(jurisdictionSlot)) : 1
            return .bad(column: column, message: Engine.noJurisdiction(countries))
        }
        let day = evaluationDate(header)
        for slot in pastOnlySlots where slots[slot].tag == .date && slots[slot].bits > Int64(day.ordinal) {
            return .bad(column: columnOf(slot: Int32(slot)),
                        message: PatientDecoder.futureEvent(vocabulary.inputNames[slot], Day(ordinal: Int32(slots[slot].bits)), evaluatedOn: day))
        }
        return .patient(header)
    }

    /// Cell `k` read by `PatientDecoder` into its slot.
    /// - Returns: the bad line when the cell is no value of its fact, else nil.
    private func readExactly(cell k: Int, _ base: UnsafePointer<UInt8>, _ start: Int, _ csv: CSVHeader) -> Outcome? {
        let column = CSVCells.column(of: cells.at.pointer[k], lineStart: start)
        guard case .fact(let name, let slot) = csv.columns[k] else { return nil }
        guard let text = cells.text(k, base) else { return .bad(column: column, message: CSVCells.notUTF8) }
        let node = YAMLNode(.scalar(YAMLScalar(text: text, isPlain: Self.isBare(text, vocabulary.inputTypes[slot]))),
                            at: SourceLocation(line: 1, column: column))
        let sink = DiagnosticSink(source: SourceText(name: file, bytes: []), limit: 1)
        let value = decoder.value(node, fact: name, sink: sink)
        if let first = sink.diagnostics.first { return .bad(column: column, message: first.message) }
        if let value { slots[slot] = vocabulary.slotValue(value) }
        return nil
    }

    /// Whether a cell of a fact of this type is read as JSON reads a bare word (a yes/no,
    /// a number: so that `030` or `1e999` is refused as in a JSON line); any other cell is
    /// read as the content of a JSON string (`null` and `yes` are then text, and refused
    /// as such for a yes/no fact).
    static func isBare(_ text: String, _ type: FactType) -> Bool {
        switch type {
        case .bool:
            return text == "true" || text == "false"
        case .integer, .number:
            guard let first = text.utf8.first else { return false }
            return (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) || first == UInt8(ascii: "-")
                || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
        case .string, .date, .enumeration:
            return false
        }
    }

    /// Whether an id's bytes can be copied into JSON output as they are.
    static func isPlainId(_ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        for i in s..<e where base[i] < 32 || base[i] >= 127 || base[i] == UInt8(ascii: "\\") { return false }
        return true
    }
}

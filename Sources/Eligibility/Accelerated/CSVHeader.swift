/// The first line of a CSV cohort: the column names. Each names a fact a patient may state
/// (`diagnosis.icd10`, `employment.sick_leave_start`), or `id` or `as_of`, as the keys of a
/// cohort line do when written dotted; an `id` column is required, since every patient
/// needs one. A header that cannot be read stops the run: no line means anything without it.
struct CSVHeader: Sendable {
    enum Column: Sendable, Equatable {
        case id
        case asOf
        /// A fact and its input slot.
        case fact(String, slot: Int)

        /// The name the header gives the column.
        var name: String {
            switch self {
            case .id: return "id"
            case .asOf: return "as_of"
            case .fact(let name, _): return name
            }
        }
    }

    let columns: [Column]
    /// Where each column's name starts on the header line (1-based).
    let positions: [Int]

    /// Reads the header line, without its line break.
    /// - Throws: `CohortLineError` at line 1 and the column of the first problem.
    init(_ line: [UInt8], file: String, vocabulary: Vocabulary) throws(CohortLineError) {
        func fail(_ column: Int, _ message: String) -> CohortLineError {
            CohortLineError(file: file, line: DiffReport.BadLine(line: 1, column: column, message: message))
        }
        // A byte-order mark (spreadsheets write one) is not part of the first name.
        let skip = line.starts(with: UTF8Text.byteOrderMark) ? UTF8Text.byteOrderMark.count : 0
        let bytes = Array(line[skip...])
        if bytes.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) {
            throw fail(1, "the cohort has no header; expected a first line naming each column's fact, such as id,jurisdiction,age,diagnosis.icd10")
        }
        var columns: [Column] = []
        var positions: [Int] = []
        var firstAt: [String: Int] = [:]
        let catalog = vocabulary.mergedCatalog
        try bytes.withUnsafeBufferPointer { buffer throws(CohortLineError) in
            guard let base = buffer.baseAddress else { return }
            var cells = CSVCells(capacity: bytes.count + 1)
            if let problem = cells.split(base, 0, bytes.count) {
                throw fail(problem.column(), problem.message)
            }
            for k in 0..<cells.count {
                let column = CSVCells.column(of: cells.at.pointer[k], lineStart: 0)
                guard let name = cells.text(k, base) else { throw fail(column, CSVCells.notUTF8) }
                if name.isEmpty {
                    throw fail(column, "column \(k + 1) of the header has no name; expected the fact it holds, such as diagnosis.icd10")
                }
                if let first = firstAt[name] {
                    throw fail(column, "column '\(name)' given twice in the header: here and at 1:\(first)")
                }
                firstAt[name] = column
                positions.append(column)
                switch name {
                case "id": columns.append(.id)
                case "as_of": columns.append(.asOf)
                default:
                    if let slot = vocabulary.slotOf[name] {
                        columns.append(.fact(name, slot: slot))
                    } else {
                        throw fail(column, Self.unknown(name, catalog: catalog))
                    }
                }
            }
        }
        guard columns.contains(.id) else {
            throw fail(1, "the header has no 'id' column; expected one, with text that names each patient, like p-0001")
        }
        self.columns = columns
        self.positions = positions
    }

    /// Why a column name is no fact a patient may state, with the closest one.
    private static func unknown(_ name: String, catalog: FactCatalog) -> String {
        if catalog[name]?.isDerived == true { return "column '\(name)': the fact is derived by the rules and cannot be given" }
        let prefixes = catalog.inputPrefixes
        if prefixes.contains(name) {
            let members = catalog.inputNames.filter { $0.hasPrefix(name + ".") }
            return "column '\(name)' names a group of facts, not a fact; expected one of them, such as '\(members.first ?? name + ".…")'"
        }
        let near = Suggestion.closest(to: name, among: catalog.inputNames + ["id", "as_of"])
        return "unknown fact '\(name)' in the header; expected a fact a patient may state, written dotted (diagnosis.icd10)"
            + (near.map { "; did you mean '\($0)'?" } ?? "")
    }
}

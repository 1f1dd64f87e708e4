import Foundation
import Testing
@testable import Eligibility

/// Issue 30, CSV cohorts: a CSV cohort gives what the same cohort gives as JSON Lines; every
/// kind of bad header or line is reported at its line and column, saying what was expected
/// and what was found; an empty cell is an unknown fact; quoting follows RFC 4180.
@Suite("CSV cohorts: the same answers as JSON Lines, errors at line and column", .serialized)
struct CohortCSVTests {
    static let day = "2026-11-23"

    /// A JSON Lines cohort written as CSV: one column per fact any line states (dotted), in
    /// the order first met; a bare JSON word as written, a JSON string's content quoted
    /// when it holds a comma or a quote.
    static func csv(fromJSONLines lines: [String]) throws -> String {
        var names: [String] = []
        var rows: [[String: String]] = []
        func flatten(_ node: YAMLNode, _ prefix: String, into row: inout [String: String]) {
            if let pairs = node.pairs {
                for pair in pairs {
                    let key = pair.key.scalar?.text ?? ""
                    flatten(pair.value, prefix.isEmpty ? key : "\(prefix).\(key)", into: &row)
                }
                return
            }
            guard let scalar = node.scalar, !(scalar.isPlain && scalar.text == "null") else { return }
            if !names.contains(prefix) { names.append(prefix) }
            row[prefix] = scalar.text
        }
        for line in lines {
            var row: [String: String] = [:]
            flatten(try JSONDocument.parse(SourceText(name: "line", text: line)), "", into: &row)
            rows.append(row)
        }
        func cell(_ text: String) -> String {
            text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        return ([names.joined(separator: ",")] + rows.map { row in names.map { cell(row[$0] ?? "") }.joined(separator: ",") })
            .joined(separator: "\n") + "\n"
    }

    static func fixtureLines() throws -> [String] {
        try String(contentsOfFile: CohortTests.fixtures.appendingPathComponent("cohort-400.jsonl").path, encoding: .utf8)
            .split(separator: "\n").map(String.init)
    }

    /// `check --cohort`'s output lines with the line number moved by `shift`.
    static func shifted(_ output: String, by shift: Int) throws -> String {
        try output.split(separator: "\n").map { row in
            let number = try #require(row.firstRange(of: #","line":"#)).upperBound
            let digits = row[number...].prefix { $0.isNumber }
            return row.replacingCharacters(in: number..<digits.endIndex, with: String(try #require(Int(digits)) + shift))
        }.joined(separator: "\n") + "\n"
    }

    @Test("check --cohort gives every patient of a CSV cohort the output of the same JSON Lines cohort, at the line after the header")
    func checkEqualsJSONLines() throws {
        let lines = try Self.fixtureLines()
        let json = try CohortTests.temporary("c.jsonl", lines.joined(separator: "\n") + "\n")
        let csv = try CohortTests.temporary("c.csv", try Self.csv(fromJSONLines: lines))
        let fromJSON = try Binary.run(["check", "--cohort", json, "--as-of", Self.day])
        let fromCSV = try Binary.run(["check", "--cohort", csv, "--as-of", Self.day])
        #expect(fromJSON.status == 0 && fromCSV.status == 0)
        #expect(fromCSV.out == (try Self.shifted(fromJSON.out, by: 1)))
        #expect(fromCSV.err == "\(csv): 400 lines read, 400 evaluated, 0 rejected\n")
        let piped = try Binary.run(["check", "--cohort", "-", "--cohort-format", "csv", "--as-of", Self.day],
                                   input: try Self.csv(fromJSONLines: lines))
        #expect(piped.out == fromCSV.out)
    }

    @Test("diff over a CSV cohort gives the report of the same JSON Lines cohort, in small chunks and large")
    func diffEqualsJSONLines() throws {
        let lines = try Self.fixtureLines()
        let json = try CohortTests.temporary("d.jsonl", lines.joined(separator: "\n") + "\n")
        let csv = try CohortTests.temporary("d.csv", try Self.csv(fromJSONLines: lines))
        let rules = Fixture.packageRoot.appendingPathComponent("rules").path
        let diff = try CohortDiff(base: try RuleLibrary.load(from: [rules]), proposed: try RuleLibrary.load(from: [rules]))
        var options = CohortDiff.Options()
        options.fixedDate = Day(iso: Self.day)
        options.by = ["jurisdiction"]
        let expected = try diff.run(json, options: options).json(base: "b", proposed: "p")
            .replacingOccurrences(of: json, with: "cohort")
        for (workers, chunk) in [(2, 1 << 20), (2, 3000), (1, 700)] {
            options.workers = workers
            options.chunkBytes = chunk
            let report = try diff.run(csv, options: options)
            #expect(report.json(base: "b", proposed: "p").replacingOccurrences(of: csv, with: "cohort") == expected)
        }
    }

    @Test("The fast cell reader and the exact one read the same slots, id and date from every line of a generated cohort")
    func fastEqualsExact() throws {
        let vocabulary = try Fixture.bundledEngine().program.vocabulary
        var lines = try Self.csv(fromJSONLines: Self.fixtureLines()).split(separator: "\n").map { Array($0.utf8) }
        // Cells the fast reader declines: escaped quotes, codes to normalise, unusual numbers.
        lines[1] = Array(String(decoding: lines[1], as: UTF8.self).replacingOccurrences(of: "p-0000000", with: "\"p-\"\"0\"").utf8)
        let header = try CSVHeader(lines[0], file: "c.csv", vocabulary: vocabulary)
        var fast = CohortPatientReader(vocabulary: vocabulary, file: "c.csv", csv: header)
        var exact = CohortPatientReader(vocabulary: vocabulary, file: "c.csv", csv: header)
        exact.fastCells = false
        var compared = 0
        for line in lines.dropFirst() {
            try line.withUnsafeBufferPointer { buffer in
                let base = try #require(buffer.baseAddress)
                guard case .patient(let a) = fast.read(base, 0, buffer.count), case .patient(let b) = exact.read(base, 0, buffer.count) else {
                    Issue.record("a line of the fixture is rejected: \(String(decoding: line, as: UTF8.self))")
                    return
                }
                #expect(fast.patientId(a, base, missing: "") == exact.patientId(b, base, missing: ""))
                #expect(a.asOf == b.asOf)
                #expect((0..<fast.slotCount).allSatisfy { fast.slots[$0] == exact.slots[$0] })
                compared += 1
            }
        }
        #expect(compared == 400)
    }

    static let header = "id,as_of,jurisdiction,age,employment.status,employment.steady_job,employment.sick_leave_start,income.annual,diagnosis.icd10"

    @Test("An empty cell, quoted or not, is an unknown fact: the statuses of the JSON line without it")
    func emptyCellIsUnknown() throws {
        let csv = try CohortTests.temporary("e.csv", """
        \(Self.header)
        a,2026-11-23,SE,30,,,,,
        b,2026-11-23,SE,"",sick_leave,"",,,F32.1

        """)
        let json = try CohortTests.temporary("e.jsonl", """
        {"id":"a","as_of":"2026-11-23","jurisdiction":"SE","age":30}
        {"id":"b","as_of":"2026-11-23","jurisdiction":"SE","employment":{"status":"sick_leave"},"diagnosis":{"icd10":"F32.1"}}

        """)
        let fromCSV = try Binary.run(["check", "--cohort", csv])
        let fromJSON = try Binary.run(["check", "--cohort", json])
        #expect(fromCSV.status == 0)
        #expect(fromCSV.out == (try Self.shifted(fromJSON.out, by: 1)))
        #expect(fromCSV.out.contains("needs_info"))
    }

    @Test("Quoted cells: commas and doubled quotes inside, a quoted value reads as the plain one; CRLF line ends and a byte-order mark are read")
    func quoting() throws {
        let csv = try CohortTests.temporary("q.csv", "\u{FEFF}\(Self.header)\r\n"
            + "\"Hansen, \"\"Ole\"\"\",2026-11-23,\"DK\",\"40\",employed,true,,\"1000.5\",\"F32.1\"\r\n"
            + "plain,2026-11-23,DK,40,employed,true,,1000.5,F32.1\r\n")
        let run = try Binary.run(["check", "--cohort", csv])
        #expect(run.status == 0)
        let rows = run.out.split(separator: "\n").map(String.init)
        #expect(rows.count == 2)
        #expect(rows[0].hasPrefix(#"{"id":"Hansen, \"Ole\"","line":2,"statuses":"#))
        let statuses = rows.map { row in row.firstRange(of: #""statuses""#).map { String(row[$0.lowerBound...]) } }
        #expect(statuses[0] != nil && statuses[0] == statuses[1])
        #expect(run.err == "\(csv): 2 lines read, 2 evaluated, 0 rejected\n")
    }

    /// The error `check --cohort` prints for a CSV cohort with this header and these lines.
    static func errors(_ header: String, _ lines: [String]) throws -> (status: Int32, err: String, path: String) {
        let path = try CohortTests.temporary("bad.csv", ([header] + lines).joined(separator: "\n") + "\n")
        let run = try Binary.run(["check", "--cohort", path, "--as-of", Self.day])
        return (run.status, run.err.replacingOccurrences(of: path, with: "c.csv"), path)
    }

    @Test("A bad header stops the run at its line and column, saying what was expected and what was found")
    func headerErrors() throws {
        let cases: [(String, String)] = [
            ("id,jurisdiction,agee", "c.csv:1:17: error: unknown fact 'agee' in the header; expected a fact a patient may state, written dotted (diagnosis.icd10); did you mean 'age'?"),
            ("id,age,jurisdiction,age", "c.csv:1:21: error: column 'age' given twice in the header: here and at 1:4"),
            ("id,diagnosis,jurisdiction", "c.csv:1:4: error: column 'diagnosis' names a group of facts, not a fact; expected one of them, such as 'diagnosis.icd10'"),
            ("id,diagnosis.group", "c.csv:1:4: error: column 'diagnosis.group': the fact is derived by the rules and cannot be given"),
            ("jurisdiction,age", "c.csv:1:1: error: the header has no 'id' column; expected one, with text that names each patient, like p-0001"),
            ("id,,age", "c.csv:1:4: error: column 2 of the header has no name; expected the fact it holds, such as diagnosis.icd10"),
            ("id,\"age", "c.csv:1:4: error: a quoted cell is not closed on its line; expected a closing quote before the line ends (a cell may not hold a line break)"),
            ("", "c.csv:1:1: error: the cohort has no header; expected a first line naming each column's fact, such as id,jurisdiction,age,diagnosis.icd10"),
        ]
        for (header, message) in cases {
            let run = try Self.errors(header, ["a,DK,30"])
            #expect(run.status == 2)
            #expect(run.err == message + "\n")
        }
    }

    @Test("A bad line is rejected at its line and column with what was expected and found; the others are evaluated")
    func lineErrors() throws {
        let header = "id,jurisdiction,age,employment.status,employment.steady_job,employment.sick_leave_start,income.annual,diagnosis.icd10"
        let cases: [(String, String)] = [
            ("a,SE,30,employed,true,,1000,F32.1,extra", "2:35: error: the line has more cells than the header has columns; expected 8, one for each column of the header"),
            ("a,SE,30,employed", "2:17: error: the line has 4 cells; expected 8, one for each column of the header (the first missing is 'employment.steady_job')"),
            ("a,SE,thirty,,,,,", "2:6: error: fact 'age' must be a whole number; found the text \"thirty\""),
            ("a,SE,030,,,,,", "2:6: error: fact 'age' must be a number written in decimal without leading zeros; found 030"),
            ("a,SE,140,,,,,", "2:6: error: fact 'age' must be at most 130; found 140"),
            ("a,SE,30,employd,,,,", "2:9: error: fact 'employment.status' must be one of employed, sick_leave, unemployed, student, none; found the text \"employd\"; did you mean 'employed'?"),
            ("a,SE,30,,yes,,,", "2:10: error: fact 'employment.steady_job' must be true or false; found the text \"yes\""),
            ("a,SE,30,,,2026-02-30,,", "2:11: error: fact 'employment.sick_leave_start' must be a date YYYY-MM-DD; found the text \"2026-02-30\""),
            ("a,SE,30,,,2026-12-01,,", "2:11: error: fact 'employment.sick_leave_start' is 2026-12-01, after the evaluation date 2026-11-23; it says when something happened, so it cannot lie after the evaluation date (check the date, the patient's as_of or --as-of)"),
            ("a,SE,30,,,,,G3X", "2:13: error: fact 'diagnosis.icd10' must be an ICD-10 code such as F32.1 (DF321, F32,1 and F321 are read as F32.1); found 'G3X', character 3: expected two digits after the letter, found 'X'"),
            (",SE,30,,,,,", "2:1: error: the patient's 'id' cell is empty; expected text that names the patient, like p-0001"),
            ("a,,30,,,,,", "2:3: error: the patient has no 'jurisdiction' (DK, SE or NO); each country's rules apply to its own patients only"),
            ("a,\"SE,30,,,,,", "2:3: error: a quoted cell is not closed on its line; expected a closing quote before the line ends (a cell may not hold a line break)"),
            ("a,S\"E,30,,,,,", "2:4: error: a quote inside a cell that does not start with one; expected the whole cell in quotes, with each quote inside doubled (\"say \"\"no\"\"\")"),
            ("a,\"SE\"x,30,,,,,", "2:7: error: text after a quoted cell's closing quote; expected a comma or the end of the line (a quote inside a quoted cell is doubled: \"\")"),
            ("", "2:1: error: empty line; expected a patient's 8 cells, one for each column of the header"),
        ]
        let good = "ok,SE,30,employed,true,,1000,F32.1"
        for (line, message) in cases {
            let run = try Self.errors(header, [line, good])
            #expect(run.status == 0)
            #expect(run.err == "c.csv:\(message)\nc.csv: 2 lines read, 1 evaluated, 1 rejected\n", "\(line)")
        }
    }

    @Test("An as_of column dates each line as a JSON line's as_of does; a bad date is rejected at its cell")
    func asOfColumn() throws {
        let csv = try CohortTests.temporary("a.csv", """
        jurisdiction,employment.sick_leave_start,as_of,id
        SE,2026-03-01,2026-04-01,early
        SE,2026-03-01,2026-11-23,late
        SE,2026-03-01,2026-02-01,before
        SE,2026-03-01,1 April,bad

        """)
        let json = try CohortTests.temporary("a.jsonl", """
        {"jurisdiction":"SE","employment":{"sick_leave_start":"2026-03-01"},"as_of":"2026-04-01","id":"early"}
        {"jurisdiction":"SE","employment":{"sick_leave_start":"2026-03-01"},"as_of":"2026-11-23","id":"late"}

        """)
        let fromCSV = try Binary.run(["check", "--cohort", csv])
        let fromJSON = try Binary.run(["check", "--cohort", json])
        #expect(fromCSV.out == (try Self.shifted(fromJSON.out, by: 1)))
        #expect(fromCSV.err == """
        \(csv):4:4: error: fact 'employment.sick_leave_start' is 2026-03-01, after the evaluation date 2026-02-01; it says when something happened, so it cannot lie after the evaluation date (check the date, the patient's as_of or --as-of)
        \(csv):5:15: error: 'as_of' must be a date YYYY-MM-DD, found '1 April'
        \(csv): 4 lines read, 2 evaluated, 2 rejected

        """)
    }

    @Test("--strict stops at the first bad line of a CSV cohort; diff --rejected lists every bad line at its line in the file")
    func strictAndRejected() throws {
        let header = "id,jurisdiction,age"
        let path = try CohortTests.temporary("r.csv", [header, "a,SE,30", "b,SE,x", "c,SE,40", "d,XX,1"].joined(separator: "\n") + "\n")
        let strict = try Binary.run(["check", "--cohort", path, "--strict"])
        #expect(strict.status == 2)
        #expect(strict.err == "\(path):3:6: error: fact 'age' must be a whole number; found the text \"x\"\n")
        let list = try Fixture.scratch("rejected").appendingPathComponent("rejected.jsonl").path
        let diff = try Binary.run(["diff", "--base", "rules", "--proposed", "rules", "--cohort", path, "--rejected", list])
        #expect(diff.status == 0)
        #expect(diff.err == "\(path): 4 lines read, 2 evaluated, 2 rejected\n")
        let explain = try Binary.run(["diff", "--base", "rules", "--proposed", "rules", "--cohort", path, "--explain", "a"])
        #expect(explain.status == 2)
        #expect(explain.err.hasPrefix("Error: --explain finds its patient in a JSON Lines cohort, not yet in a CSV one; give the cohort as JSON Lines to explain a patient\n"))
        #expect(try String(contentsOfFile: list, encoding: .utf8) == """
        {"line": 3, "column": 6, "error": "fact 'age' must be a whole number; found the text \\"x\\""}
        {"line": 5, "column": 3, "error": "fact 'jurisdiction' must be one of DK, SE, NO; found the text \\"XX\\"; did you mean 'DK'?"}

        """)
    }
}

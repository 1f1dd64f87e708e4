import Foundation
import Testing
@testable import Eligibility

/// Issue 15, items 1, 3 and 4: output lines numbered by their line in the file whatever
/// the chunk or batch; a line over 1 MiB is one rejected line; a cohort line is held to
/// the rules of a patient file.
@Suite("Cohort lines: numbered in the file, held to the rules of a patient file", .serialized)
struct CohortLineTests {
    static let day = "2026-11-23"

    /// The 400-line fixture cohort `copies` times over, each copy's ids made its own.
    static func cohort(copies: Int) throws -> [String] {
        let lines = try String(contentsOfFile: CohortTests.fixtures.appendingPathComponent("cohort-400.jsonl").path, encoding: .utf8)
            .split(separator: "\n").map(String.init)
        return (0..<copies).flatMap { copy in lines.map { $0.replacingOccurrences(of: "{\"id\":\"", with: "{\"id\":\"\(copy)-") } }
    }

    static func lineNumbers(_ output: String) throws -> [Int] {
        try output.split(separator: "\n").map { row in
            let json = try #require(try JSONSerialization.jsonObject(with: Data(row.utf8)) as? [String: Any])
            return try #require(json["line"] as? Int)
        }
    }

    @Test("check --cohort numbers each output line by its line in the file, past 1 MiB chunks and in standard input")
    func lineNumbersInTheFile() throws {
        let lines = try Self.cohort(copies: 9)
        let text = lines.joined(separator: "\n") + "\n"
        #expect(text.utf8.count > 2 << 20)
        let path = try CohortTests.temporary("big.jsonl", text)
        let file = try Binary.run(["check", "--cohort", path, "--as-of", Self.day])
        let piped = try Binary.run(["check", "--cohort", "-", "--as-of", Self.day], input: text)
        #expect(file.status == 0 && piped.status == 0)
        #expect(try Self.lineNumbers(file.out) == Array(1...lines.count))
        #expect(file.out == piped.out)
        #expect(file.err == "\(path): \(lines.count) lines read, \(lines.count) evaluated, 0 rejected\n")
    }

    @Test("Through a pipe read in many batches and small chunks, the line numbers still count from the top of the input")
    func lineNumbersAcrossBatches() throws {
        let lines = try Self.cohort(copies: 13)
        let text = lines.joined(separator: "\n") + "\n"
        #expect(text.utf8.count > 3 * CohortReader.maxLine)
        let fifo = try Fixture.scratch("cohort").appendingPathComponent("cohort.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let writer = Thread {
            let handle = FileHandle(forWritingAtPath: fifo)
            handle?.write(Data(text.utf8))
            try? handle?.close()
        }
        writer.start()
        let library = try RuleLibrary.load(from: [Fixture.packageRoot.appendingPathComponent("rules").path])
        var output: [UInt8] = []
        let summary = try CohortCheck(library: library).run(fifo, fixedDate: Day(iso: Self.day), workers: 2, chunkBytes: 4096,
                                                            write: { output += $0 }, badLine: { _ in })
        #expect(summary.linesRead == lines.count)
        #expect(try Self.lineNumbers(String(decoding: output, as: UTF8.self)) == Array(1...lines.count))
    }

    @Test("A line over 1 MiB is one rejected line at its number, in a file and in standard input, and the run goes on")
    func overlongLine() throws {
        let first = "{\"id\":\"a\",\"jurisdiction\":\"DK\",\"age\":40}"
        let long = "{\"id\":\"long\",\"jurisdiction\":\"DK\",\"x\":\"" + String(repeating: "x", count: 2 * CohortReader.maxLine) + "\"}"
        let text = [first, long, first.replacingOccurrences(of: "\"a\"", with: "\"c\"")].joined(separator: "\n") + "\n"
        let path = try CohortTests.temporary("long.jsonl", text)
        let problem = "2:1048577: error: the line is longer than 1048576 bytes, the most a cohort line may have\n"
        for (name, run) in [(path, try Binary.run(["check", "--cohort", path, "--as-of", Self.day])),
                            ("-", try Binary.run(["check", "--cohort", "-", "--as-of", Self.day], input: text))] {
            #expect(run.status == 0)
            #expect(try Self.lineNumbers(run.out) == [1, 3])
            #expect(run.err == "\(name):\(problem)\(name): 3 lines read, 2 evaluated, 1 rejected\n")
        }
        let diff = try Binary.run(["diff", "--base", "rules", "--proposed", "rules", "--cohort", path, "--format", "json"])
        #expect(diff.status == 0)
        #expect(diff.err == "\(path): 3 lines read, 2 evaluated, 1 rejected\n")
        #expect(diff.out.contains("\"line\": 2,\n      \"column\": 1048577,"))
    }

    @Test("A cohort line is held to the rules of a patient file: no key twice, an id, UTF-8, a jurisdiction, an ICD-10 code that reads")
    func patientFileRules() throws {
        let lines = [
            #"{"id":"a","jurisdiction":"DK","age":40}"#,
            #"{"id":"b","id":"c","jurisdiction":"DK"}"#,
            #"{"id":"d","as_of":"2026-01-01","jurisdiction":"SE","as_of":"2020-01-01"}"#,
            #"{"id":"e","jurisdiction":"NO","age":30,"age":31}"#,
            #"{"id":"e2","jurisdiction":"NO","diagnosis":{"icd10":"F32.1"},"diagnosis":{"icd10":"F20"}}"#,
            "{}",
            #"{"id":"f","age":50}"#,
            #"{"jurisdiction":"DK"}"#,
            #"{"id":"g","jurisdiction":"DK","diagnosis":{"icd10":"DF321"}}"#,
            #"{"id":"h","jurisdiction":"DK","diagnosis":{"icd10":"F3X"}}"#,
            #"{"id":"g2","jurisdiction":"DK","diagnosis":{"icd10":"F32.1"}}"#,
        ]
        var bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        bytes += Array(#"{"id":"bad"#.utf8) + [0xFF] + Array(#"","jurisdiction":"DK"}"#.utf8) + [10]
        let path = try Fixture.scratch("cohort").appendingPathComponent("rules.jsonl").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let file = try Binary.run(["check", "--cohort", path, "--as-of", Self.day])
        #expect(file.status == 0)
        #expect(file.err == """
            \(path):2:11: error: duplicate key 'id' (first at line 1)
            \(path):3:52: error: duplicate key 'as_of' (first at line 1)
            \(path):4:40: error: duplicate key 'age' (first at line 1)
            \(path):5:62: error: duplicate key 'diagnosis' (first at line 1)
            \(path):6:1: error: the patient is missing required field 'id' (text that names the patient, like p-0001)
            \(path):7:1: error: the patient has no 'jurisdiction' (DK, SE or NO); each country's rules apply to its own patients only
            \(path):8:1: error: the patient is missing required field 'id' (text that names the patient, like p-0001)
            \(path):10:52: error: fact 'diagnosis.icd10' must be an ICD-10 code such as F32.1 (DF321, F32,1 and F321 are read as F32.1); found 'F3X', character 3: expected two digits after the letter, found 'X'
            \(path):12:11: error: JSON: expected UTF-8 text, found byte 0xFF, which is not UTF-8
            \(path): 12 lines read, 3 evaluated, 9 rejected

            """)
        let rows = try file.out.split(separator: "\n").map { row in
            try #require(try JSONSerialization.jsonObject(with: Data(row.utf8)) as? [String: Any])
        }
        #expect(rows.map { $0["id"] as? String } == ["a", "g", "g2"])
        #expect(rows.map { $0["line"] as? Int } == [1, 9, 11])
        // DF321 is F32.1, as in a patient file.
        #expect(rows[1]["statuses"] as? [String: String] == rows[2]["statuses"] as? [String: String])
        // The same through standard input (without the line that is not UTF-8, which a
        // String cannot carry).
        let piped = try Binary.run(["check", "--cohort", "-", "--as-of", Self.day], input: lines.joined(separator: "\n") + "\n")
        #expect(piped.out == file.out)
        #expect(piped.err.hasSuffix("-: 11 lines read, 3 evaluated, 8 rejected\n"))
    }

    @Test("A cohort line is held to a patient file's dates: an event after the line's evaluation date is a rejected, located line")
    func eventsAfterTheEvaluationDate() throws {
        let lines = [
            #"{"id":"a","jurisdiction":"SE","employment":{"sick_leave_start":"2026-11-01"}}"#,
            #"{"id":"b","jurisdiction":"SE","employment":{"sick_leave_start":"2026-12-01"}}"#,
            #"{"id":"c","as_of":"2027-01-01","jurisdiction":"SE","employment":{"sick_leave_start":"2026-12-01"}}"#,
            #"{"id":"d","jurisdiction":"DK","diagnosis":{"since":"2027-03-04","icd10":"F32.1"}}"#,
        ]
        let text = lines.joined(separator: "\n") + "\n"
        let path = try CohortTests.temporary("future.jsonl", text)
        let problem = "after the evaluation date"
        let hint = "it says when something happened, so it cannot lie after the evaluation date (check the date, the patient's as_of or --as-of)"

        // Without --as-of each line is evaluated on its own as_of, else on the default date.
        let library = try RuleLibrary.load(from: [Fixture.packageRoot.appendingPathComponent("rules").path])
        var output: [UInt8] = []
        var bad: [DiffReport.BadLine] = []
        let summary = try CohortCheck(library: library).run(path, defaultDate: try #require(Day(iso: Self.day)),
                                                            write: { output += $0 }, badLine: { bad.append($0) })
        #expect(summary.linesRead == 4 && summary.evaluated == 2)
        #expect(bad.map(\.line) == [2, 4])
        #expect(bad.map(\.column) == [64, 52])
        #expect(bad.map(\.message) == [
            "fact 'employment.sick_leave_start' is 2026-12-01, after the evaluation date 2026-11-23; \(hint)",
            "fact 'diagnosis.since' is 2027-03-04, after the evaluation date 2026-11-23; \(hint)",
        ])
        #expect(try Self.lineNumbers(String(decoding: output, as: UTF8.self)) == [1, 3])

        // --as-of overrides every line's as_of, so line 3 is now after it too.
        let run = try Binary.run(["check", "--cohort", path, "--as-of", Self.day])
        #expect(run.status == 0)
        #expect(try Self.lineNumbers(run.out) == [1])
        #expect(run.err == """
            \(path):2:64: error: fact 'employment.sick_leave_start' is 2026-12-01, after the evaluation date 2026-11-23; \(hint)
            \(path):3:85: error: fact 'employment.sick_leave_start' is 2026-12-01, after the evaluation date 2026-11-23; \(hint)
            \(path):4:52: error: fact 'diagnosis.since' is 2027-03-04, after the evaluation date 2026-11-23; \(hint)
            \(path): 4 lines read, 1 evaluated, 3 rejected

            """)
        #expect(run.err.contains(problem))
        // diff reads lines the same way.
        let diff = try Binary.run(["diff", "--base", "rules", "--proposed", "rules", "--cohort", path, "--as-of", Self.day, "--format", "json"])
        #expect(diff.status == 0)
        #expect(diff.err == "\(path): 4 lines read, 1 evaluated, 3 rejected\n")
    }
}

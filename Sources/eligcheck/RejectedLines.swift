import ArgumentParser
import Eligibility
import Foundation

/// `diff --rejected FILE`: every line the cohort reader refused, one JSON object a line
/// (`{"line": 7, "column": 28, "error": "..."}`), in file order, written as it comes (a
/// cohort of bad lines does not pile up in memory). A message may quote the patient's
/// value, so the file is created readable by its owner only.
final class RejectedLines {
    private let handle: FileHandle
    private var buffer = ""

    init(path: String) throws {
        try PrivateFile.write("", to: path)
        guard let handle = FileHandle(forWritingAtPath: path) else {
            Terminal.error("\(path): error: cannot write the rejected lines")
            throw ExitCode(2)
        }
        self.handle = handle
    }

    func add(_ bad: DiffReport.BadLine) {
        let quoted = (try? JSONSerialization.data(withJSONObject: [bad.message], options: [.withoutEscapingSlashes]))
            .map { String(decoding: $0.dropFirst().dropLast(), as: UTF8.self) } ?? "\"\""
        buffer += "{\"line\": \(bad.line), \"column\": \(bad.column), \"error\": \(quoted)}\n"
        if buffer.utf8.count >= 1 << 16 { flush() }
    }

    func close() throws {
        flush()
        try handle.close()
    }

    private func flush() {
        handle.write(Data(buffer.utf8))
        buffer = ""
    }
}

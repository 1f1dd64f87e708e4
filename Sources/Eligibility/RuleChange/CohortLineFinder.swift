import Foundation

/// Finds one patient's line in a JSON Lines cohort by its `id`, reading the file in
/// chunks (a cohort of a million lines is never held whole).
public enum CohortLineFinder {
    /// The line of the patient with this id, decoded against `decoder`'s facts.
    /// - Returns: the patient and its 1-based line number, or nil when no line has the id.
    /// - Throws: the decoder's diagnostics for that line, placed at its line in the file;
    ///   an unreadable file as a diagnostic naming it.
    public static func patient(id: String, in path: String, decoder: PatientDecoder) throws(LoadFailure) -> (patient: Patient, line: Int)? {
        let handle: FileHandle?
        if path == "-" { handle = FileHandle.standardInput } else { handle = FileHandle(forReadingAtPath: path) }
        guard let handle else {
            throw LoadFailure([Diagnostic(file: path, location: nil, message: "cannot read the cohort file")])
        }
        defer { if path != "-" { try? handle.close() } }
        // A line that names the id holds it as a JSON string; only such lines are decoded.
        let needle = Array(JSONWriter.quote(id).utf8)
        var pending: [UInt8] = []
        var number = 0
        while true {
            let chunk = handle.readData(ofLength: 1 << 20)
            let atEnd = chunk.isEmpty
            pending.append(contentsOf: chunk)
            var start = 0
            while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) ?? (atEnd && start < pending.count ? pending.count : nil) {
                number += 1
                let line = Array(pending[start..<newline])
                start = newline + 1
                guard contains(line, needle) else { continue }
                let patient = try decode(line, number: number, path: path, decoder: decoder)
                if patient.id == id { return (patient, number) }
            }
            pending.removeSubrange(0..<min(start, pending.count))
            if atEnd { return nil }
        }
    }

    private static func decode(_ line: [UInt8], number: Int, path: String, decoder: PatientDecoder) throws(LoadFailure) -> Patient {
        do {
            return try decoder.decode(SourceText(name: path, bytes: line))
        } catch {
            throw LoadFailure(error.diagnostics.map { diagnostic in
                var moved = diagnostic
                moved.location?.line = number
                return moved
            })
        }
    }

    private static func contains(_ line: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= line.count, let first = needle.first else { return false }
        var i = 0
        while i + needle.count <= line.count {
            if line[i] == first && line[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}

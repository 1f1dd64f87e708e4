import Foundation
@testable import Eligibility
import CLibFuzzer

// Fuzz target `cohort-csv`: the input is a CSV cohort, its first line the header. The header
// goes through `CSVHeader`; when it is read, each further line goes through the cell
// splitter (`CSVCells`) and the reader `check --cohort` and `diff` use for CSV
// (`CohortPatientReader` with the header), once with its fast cell reader and once with
// every cell sent to the exact one. Properties: the splitter cuts a line into the cells a
// plain RFC 4180 reading written here finds (or both refuse it); the two readings accept the
// same lines, with the same id, date and slots, and reject the others at the same column
// with the same message, a column on the line. Each line sits in an allocation of exactly
// its own size, so a read past its end is caught by the address sanitizer.

private struct CSVFuzzState {
    let program: Program

    init() {
        let rules = ProcessInfo.processInfo.environment["ELIGCHECK_FUZZ_RULES"] ?? "rules"
        guard let engine = try? Engine(rules: [rules]) else {
            fatalError("the bundled rules do not load: run from the repository root")
        }
        program = engine.program
    }
}

nonisolated(unsafe) private var state = CSVFuzzState()

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    _ = state
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCohortCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
    guard let first = lines.first else { return 0 }
    let header: CSVHeader
    do {
        header = try CSVHeader(Array(first), file: "cohort.csv", vocabulary: state.program.vocabulary)
    } catch {
        precondition(error.line.line == 1 && error.line.column >= 1 && !error.line.message.isEmpty, "a header problem is at line 1")
        return 0
    }
    let vocabulary = state.program.vocabulary
    var fast = CohortPatientReader(vocabulary: vocabulary, file: "cohort.csv", defaultDate: Day(ordinal: 740_000), csv: header)
    var exact = CohortPatientReader(vocabulary: vocabulary, file: "cohort.csv", defaultDate: Day(ordinal: 740_000), csv: header)
    exact.fastCells = false
    var cells = CSVCells(capacity: header.columns.count)
    for line in lines.dropFirst() {
        let count = line.count
        let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, count))
        defer { copy.deallocate() }
        line.withUnsafeBufferPointer { if let base = $0.baseAddress, count > 0 { copy.update(from: base, count: count) } }
        let base = UnsafePointer(copy)
        checkCells(&cells, base, count)
        let a = fast.read(base, 0, count)
        let b = exact.read(base, 0, count)
        switch (a, b) {
        case (.bad(let c1, let m1), .bad(let c2, let m2)):
            precondition(c1 == c2 && m1 == m2, "the readings reject differently: \(c1): \(m1) and \(c2): \(m2)")
            precondition(c1 >= 1 && c1 <= count + 1, "a rejected line's column lies on the line")
        case (.patient(let h1), .patient(let h2)):
            precondition(fast.patientId(h1, base, missing: "") == exact.patientId(h2, base, missing: ""), "the readings read different ids")
            precondition(h1.asOf == h2.asOf, "the readings read different dates")
            for slot in 0..<fast.slotCount {
                precondition(sameValue(fast.slots[slot], exact.slots[slot]), "the readings read different values of \(vocabulary.inputNames[slot])")
            }
        default:
            preconditionFailure("one reading accepts a line the other rejects: \(a) and \(b)")
        }
    }
    return 0
}

/// Slot values the same, a number by its value: `-0` is read as -0.0 by the fast reader
/// and as 0 by the exact one, which every comparison takes for the same number.
private func sameValue(_ a: SlotValue, _ b: SlotValue) -> Bool {
    if a.tag == .number && b.tag == .number {
        return Double(bitPattern: UInt64(bitPattern: a.bits)) == Double(bitPattern: UInt64(bitPattern: b.bits))
    }
    return a == b
}

/// The splitter against a plain reading of RFC 4180 for one line (no line breaks in cells),
/// up to the first cell past the header's columns.
private func checkCells(_ cells: inout CSVCells, _ base: UnsafePointer<UInt8>, _ count: Int) {
    var end = count
    if end > 0 && base[end - 1] == 13 { end -= 1 }
    var expected: [[UInt8]] = []
    var field: [UInt8] = []
    var i = 0
    var valid = true
    while valid {
        field = []
        if i < end && base[i] == 34 {
            i += 1
            var closed = false
            while i < end {
                if base[i] == 34 {
                    if i + 1 < end && base[i + 1] == 34 { field.append(34); i += 2; continue }
                    closed = true
                    i += 1
                    break
                }
                field.append(base[i])
                i += 1
            }
            if !closed || (i < end && base[i] != 44) { valid = false; break }
        } else {
            while i < end && base[i] != 44 {
                if base[i] == 34 { valid = false; break }
                field.append(base[i])
                i += 1
            }
            if !valid { break }
        }
        expected.append(field)
        if i >= end { break }
        i += 1
        // The splitter stops at the first cell past the header's columns (the line has too
        // many), whatever follows.
        if expected.count == cells.capacity { expected.append([]); break }
    }
    let problem = cells.split(base, 0, count)
    precondition((problem == nil) == valid, "the splitter and the plain reading disagree on whether the line is CSV")
    guard valid else { return }
    let kept = min(expected.count, cells.capacity)
    precondition(cells.count == kept && (cells.overflowAt >= 0) == (expected.count > cells.capacity), "different numbers of cells")
    for k in 0..<kept {
        let text = cells.text(k, base)
        precondition(text == String(validating: expected[k], as: UTF8.self), "cell \(k) differs")
    }
}

var fuzzArgc = CommandLine.argc
var fuzzArgv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&fuzzArgc, &fuzzArgv) { data, size in
    guard let data else { return withUnsafeBytes(of: UInt8(0)) { fuzzCohortCSV($0.bindMemory(to: UInt8.self).baseAddress!, 0) } }
    return fuzzCohortCSV(data, size)
})

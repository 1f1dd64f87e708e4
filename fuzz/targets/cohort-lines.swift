import Foundation
@testable import Eligibility
import CLibFuzzer

// Fuzz target `cohort-lines`: each line of the input through the fast cohort reader
// (`CohortLineParser`) and the exact one (JSON document, then `PatientDecoder`), then
// through the reader `check --cohort` and `diff` use (`CohortPatientReader`). Property:
// when both readers accept a line they read the same id and date, and the cohort
// evaluator gives the same status for every service. Each line sits in an allocation of
// exactly its own size, so a read past its end is caught by the address sanitizer.

private struct CohortFuzzState {
    let program: Program
    let parser: CohortLineParser
    var reader: CohortPatientReader
    var evaluator: CohortEvaluator
    var habits: CohortLineParser.LineHabits
    let decoder: PatientDecoder

    init() {
        let rules = ProcessInfo.processInfo.environment["ELIGCHECK_FUZZ_RULES"] ?? "rules"
        guard let engine = try? Engine(rules: [rules]) else {
            fatalError("the bundled rules do not load: run from the repository root")
        }
        program = engine.program
        parser = CohortLineParser(vocabulary: program.vocabulary)
        reader = CohortPatientReader(vocabulary: program.vocabulary, file: "cohort.jsonl")
        evaluator = CohortEvaluator(rules: CohortProgram(program))
        habits = parser.newLineHabits()
        decoder = PatientDecoder(catalog: program.vocabulary.mergedCatalog)
    }
}

nonisolated(unsafe) private var state = CohortFuzzState()
private let defaultDate = Day(year: 2026, month: 11, day: 23) ?? Day(ordinal: 0)
private let freshEvaluator = ProcessInfo.processInfo.environment["ELIGCHECK_FUZZ_FRESH_EVALUATOR"] == "1"

/// Loads the rules before fuzzing starts, so that what they hold for the whole run is not
/// taken for memory leaked by the first input.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    _ = state
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCohortLines(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var start = 0
    while start <= size {
        var end = start
        while end < size && data[end] != 10 { end += 1 }
        checkLine(UnsafeBufferPointer(start: data + start, count: end - start))
        start = end + 1
    }
    return 0
}

private func checkLine(_ line: UnsafeBufferPointer<UInt8>) {
    let count = line.count
    let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, count))
    defer { copy.deallocate() }
    if let base = line.baseAddress, count > 0 { copy.update(from: base, count: count) }
    let bytes = UnsafePointer(copy)
    let slotCount = state.program.vocabulary.inputCount
    let services = state.program.serviceCount

    // The fast reader.
    let fastSlots = UnsafeMutablePointer<SlotValue>.allocate(capacity: max(1, slotCount))
    defer { fastSlots.deallocate() }
    fastSlots.initialize(repeating: .unknown, count: max(1, slotCount))
    var header = CohortLineParser.Header()
    let fastAccepts = state.parser.parse(bytes, 0, count, into: fastSlots, header: &header, habits: &state.habits)

    // The exact reader.
    let text = SourceText(name: "cohort.jsonl", bytes: Array(UnsafeBufferPointer(start: bytes, count: count)))
    var exact: Patient?
    if let node = try? JSONDocument.parse(text) {
        let sink = DiagnosticSink(source: text)
        if let patient = state.decoder.decode(node, sink: sink), sink.diagnostics.isEmpty { exact = patient }
    }

    // The combined reader, as `check --cohort` runs it.
    switch state.reader.read(bytes, 0, count) {
    case .bad(let column, let message):
        precondition(column >= 1 && !message.isEmpty, "a bad line is reported at a column with a message")
    case .patient(let found):
        _ = state.reader.patientId(found, bytes, missing: "")
    }

    guard fastAccepts, let exact else { return }
    let fastId: String? = header.idEnd > header.idStart
        ? String(decoding: UnsafeBufferPointer(start: bytes + header.idStart, count: header.idEnd - header.idStart), as: UTF8.self)
        : nil
    precondition(fastId == exact.id, "the readers read different ids: \(fastId ?? "nil") and \(exact.id ?? "nil")")
    precondition(header.asOf == exact.asOf, "the readers read different dates: \(String(describing: header.asOf)) and \(String(describing: exact.asOf))")

    let exactSlots = UnsafeMutablePointer<SlotValue>.allocate(capacity: max(1, slotCount))
    defer { exactSlots.deallocate() }
    exactSlots.initialize(repeating: .unknown, count: max(1, slotCount))
    for (name, value) in exact.facts {
        if let slot = state.program.vocabulary.slotOf[name] { exactSlots[slot] = state.program.vocabulary.slotValue(value) }
    }
    let asOf = header.asOf ?? defaultDate
    // For measuring memory (docs/RELIABILITY.md): a new evaluator for every line, so its
    // outcome caches hold nothing from one input to the next.
    if freshEvaluator { state.evaluator = CohortEvaluator(rules: CohortProgram(state.program)) }
    state.evaluator.evaluate(fastSlots, count: slotCount, asOf: asOf)
    let fastStatuses = Array(UnsafeBufferPointer(start: state.evaluator.statuses, count: services))
    state.evaluator.evaluate(exactSlots, count: slotCount, asOf: asOf)
    let exactStatuses = Array(UnsafeBufferPointer(start: state.evaluator.statuses, count: services))
    precondition(fastStatuses == exactStatuses, "the readers give different statuses: \(fastStatuses) and \(exactStatuses)")
}

// The program's entry point (SwiftPM gives each executable its own) hands over to libFuzzer's
// driver; an input of no bytes may come with no address.
var fuzzArgc = CommandLine.argc
var fuzzArgv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&fuzzArgc, &fuzzArgv) { data, size in
    guard let data else { return withUnsafeBytes(of: UInt8(0)) { fuzzCohortLines($0.bindMemory(to: UInt8.self).baseAddress!, 0) } }
    return fuzzCohortLines(data, size)
})

import Foundation
@testable import Eligibility
import CLibFuzzer

// Fuzz target `patients`: a patient file, read as YAML (or JSON when it starts with `{`)
// and as a `.json` file, against the bundled rules; when it is read, the report is made
// and rendered in every format. Refusals are fine; crashes are not.

private let engine: Engine? = {
    let rules = ProcessInfo.processInfo.environment["ELIGCHECK_FUZZ_RULES"] ?? "rules"
    return try? Engine(rules: [rules])
}()

/// Loads the rules before fuzzing starts, so that what they hold for the whole run is not
/// taken for memory leaked by the first input.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    _ = engine
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPatients(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let engine else { fatalError("the bundled rules do not load: run from the repository root") }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for name in ["patient.yaml", "patient.json"] {
        let patient: Patient
        do {
            patient = try engine.decoder.decode(SourceText(name: name, bytes: bytes))
        } catch {
            for problem in error.diagnostics { _ = problem.description }
            continue
        }
        guard let report = try? engine.report(for: patient, asOf: patient.asOf ?? RuleTestRunner.defaultDate) else { continue }
        for format in ReportFormat.allCases { _ = report.rendered(as: format) }
        _ = report.rendered(as: .text, planOnly: true)
    }
    return 0
}

// The program's entry point (SwiftPM gives each executable its own) hands over to libFuzzer's
// driver; an input of no bytes may come with no address.
var fuzzArgc = CommandLine.argc
var fuzzArgv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&fuzzArgc, &fuzzArgv) { data, size in
    guard let data else { return withUnsafeBytes(of: UInt8(0)) { fuzzPatients($0.bindMemory(to: UInt8.self).baseAddress!, 0) } }
    return fuzzPatients(data, size)
})

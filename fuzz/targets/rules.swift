import Foundation
@testable import Eligibility
import CLibFuzzer

// Fuzz target `rules`: rule files through the whole pipeline. The input is one or more
// rule files, each starting after a line `#@file` (a YAML comment, so every piece stays a
// rule file of its own); they are loaded and validated together like a rules folder
// (`lint` does exactly this), and when they load, every rule test inside them is run
// (each test patient evaluated and explained, ways out tried), its report rendered in
// each format, and made again on the first and last days a date can be written.
// Anything may be refused with diagnostics; nothing may crash.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRules(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let texts = FuzzInput.pieces(bytes).enumerated().map { i, piece in
        SourceText(name: "fuzz/\(i).yaml", bytes: piece)
    }
    let library: RuleLibrary
    do {
        library = try RuleLibrary.load(texts)
    } catch {
        // Every refusal must say where, in text that renders.
        for problem in error.diagnostics { _ = problem.description }
        return 0
    }
    let engine = Engine(library: library)
    for result in RuleTestRunner(engine: engine).run() { _ = result.failures }
    for set in library.ruleSets {
        for test in set.tests {
            let sink = DiagnosticSink(source: SourceText(name: test.origin.file, bytes: []))
            guard let patient = engine.decoder.decode(test.patient, sink: sink) else { continue }
            // The test's own date, every format; then the first and last days a date can be
            // written (0000-01-01, 9999-12-31), where date arithmetic is at its edges.
            if let report = try? engine.report(for: patient, asOf: test.asOf ?? RuleTestRunner.defaultDate) {
                for format in ReportFormat.allCases { _ = report.rendered(as: format) }
                _ = report.rendered(as: .json, planOnly: true)
            }
            for asOf in [Day(ordinal: -719_528), Day(ordinal: 2_932_896)] {
                _ = try? engine.report(for: patient, asOf: asOf).rendered(as: .json)
            }
        }
    }
    return 0
}

enum FuzzInput {
    /// The input cut at lines `#@file`.
    static func pieces(_ bytes: [UInt8]) -> [[UInt8]] {
        let marker = Array("#@file\n".utf8)
        var pieces: [[UInt8]] = []
        var current: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let atLineStart = i == 0 || bytes[i - 1] == 10
            if atLineStart, bytes.count - i >= marker.count, Array(bytes[i..<(i + marker.count)]) == marker {
                if !current.isEmpty { pieces.append(current) }
                current = []
                i += marker.count
                continue
            }
            current.append(bytes[i])
            i += 1
        }
        pieces.append(current)
        return pieces
    }
}

// The program's entry point (SwiftPM gives each executable its own) hands over to libFuzzer's
// driver; an input of no bytes may come with no address.
var fuzzArgc = CommandLine.argc
var fuzzArgv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&fuzzArgc, &fuzzArgv) { data, size in
    guard let data else { return withUnsafeBytes(of: UInt8(0)) { fuzzRules($0.bindMemory(to: UInt8.self).baseAddress!, 0) } }
    return fuzzRules(data, size)
})

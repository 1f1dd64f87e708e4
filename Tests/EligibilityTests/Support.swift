import Foundation
@testable import Eligibility

/// Builds rule libraries and patients from inline YAML for tests.
enum Fixture {
    /// A common file with the facts most tests use.
    static let common = """
    ruleset: test.common
    version: "1"
    valid_from: 2020-01-01
    sources:
      law: {kind: law, cite: "A law"}
      seed: {kind: seed, cite: "A seed study"}
    facts:
      jurisdiction: {type: enum, values: [DK, SE, NO], informational: true}
      age: {type: integer, min: 0, max: 130, informational: true}
      flag.a: {type: bool, informational: true}
      flag.b: {type: bool, informational: true}
      flag.c: {type: bool, informational: true, label: "flag c", changeable_by: [patient]}
      level: {type: enum, values: [low, medium, high], informational: true, changeable_by: [patient]}
      income: {type: number, min: 0, informational: true}
      since: {type: date, past_only: true, informational: true}
      code: {type: string, format: icd10, informational: true}
    """

    static func library(_ files: [String: String]) throws -> RuleLibrary {
        let texts = files.sorted { $0.key < $1.key }.map { SourceText(name: $0.key, text: $0.value) }
        return try RuleLibrary.load(texts)
    }

    /// A library of the common facts and one agency file with the given body.
    static func engine(_ body: String) throws -> Engine {
        let agency = """
        ruleset: test.agency
        agency: Test agency
        jurisdiction: DK
        version: "1"
        valid_from: 2020-01-01

        """ + body
        return Engine(library: try library(["common.yaml": common, "agency.yaml": agency]))
    }

    static func patient(_ engine: Engine, _ yaml: String) throws -> Patient {
        try engine.decoder.decode(SourceText(name: "patient.yaml", text: withId(yaml)))
    }

    /// A YAML patient with an `id` (contract §1 requires one), added as the last line
    /// when it has none, so the positions of everything else stay as written.
    static func withId(_ yaml: String) -> String {
        let hasId = yaml.split(separator: "\n").contains { $0.hasPrefix("id:") }
        return hasId ? yaml : yaml + (yaml.isEmpty || yaml.hasSuffix("\n") ? "" : "\n") + "id: p-test\n"
    }

    static let day = Day(year: 2026, month: 11, day: 23)!

    /// Status of each service, by id.
    static func statuses(_ engine: Engine, _ yaml: String) throws -> [String: Status] {
        let report = try engine.report(for: try patient(engine, yaml), asOf: day)
        return Dictionary(uniqueKeysWithValues: report.services.map { ($0.id, $0.status) })
    }

    static func outcome(_ engine: Engine, _ yaml: String, _ id: String) throws -> ServiceOutcome? {
        try engine.report(for: try patient(engine, yaml), asOf: day).services.first { $0.id == id }
    }

    /// The messages of a failed load, each as printed.
    static func problems(_ body: () throws -> Void) -> [String] {
        do {
            try body()
            return []
        } catch let failure as LoadFailure {
            return failure.diagnostics.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    /// A new folder for one test's files, inside one folder for the whole test run that
    /// is removed when the run ends.
    static func scratch(_ name: String) throws -> URL {
        let dir = scratchRoot.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The engine of the bundled rules (`rules/`), loaded afresh.
    static func bundledEngine() throws -> Engine {
        try Engine(rules: [packageRoot.appendingPathComponent("rules").path])
    }

    /// Every example patient (`examples/*.yaml`), by file name in name order, decoded by
    /// `engine` (its `id` as written: the examples all have one).
    static func examplePatients(_ engine: Engine) throws -> [(file: String, patient: Patient)] {
        let examples = packageRoot.appendingPathComponent("examples")
        return try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { $0.hasSuffix(".yaml") }.sorted().map { file in
            let text = try String(contentsOf: examples.appendingPathComponent(file), encoding: .utf8)
            return (file, try engine.decoder.decode(SourceText(name: file, text: text)))
        }
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}

/// The folder all test files go in (see `Fixture.scratch`), removed at exit.
let scratchRoot: URL = {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("eligcheck-tests-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: scratchRoot) }
    return root
}()

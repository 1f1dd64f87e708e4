import ArgumentParser
import Eligibility
import Foundation

/// `--rules DIR`, repeatable; the bundled `rules/` folder when not given.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("A folder of rule files (repeatable); default: the bundled rules/.", valueName: "DIR"))
    var folders: [String] = []

    var paths: [String] { folders.isEmpty ? [BundledRules.folder] : folders }

    /// Loads and compiles the rules, or prints every problem and exits with 2.
    func engine() throws -> Engine {
        try engines(count: 1)[0]
    }

    /// Loads and compiles `count` copies of the rules from one reading of the files
    /// (`Engine.copies`), or prints every problem and exits with 2.
    func engines(count: Int) throws -> [Engine] {
        do {
            return try Engine.copies(rules: paths, count: count)
        } catch {
            throw Terminal.fail(error, code: 2)
        }
    }
}

/// Where the bundled rules are: $ELIGCHECK_RULES, ./rules, or rules/ beside the package
/// the binary was built in.
enum BundledRules {
    /// The bundled order map, beside the bundled rules folder (not inside it: every YAML
    /// file there is read as a rule file).
    static var orderMap: String {
        URL(fileURLWithPath: folder).deletingLastPathComponent().appendingPathComponent("orders/order-map.yaml").path
    }

    static var folder: String {
        let manager = FileManager.default
        if let env = ProcessInfo.processInfo.environment["ELIGCHECK_RULES"], !env.isEmpty { return env }
        if manager.fileExists(atPath: "rules/common") { return "rules" }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("rules")
            if manager.fileExists(atPath: candidate.appendingPathComponent("common").path) { return candidate.path }
            dir = dir.deletingLastPathComponent()
        }
        return "rules"
    }
}

/// Reads a patient file, or standard input for `-`.
enum PatientInput {
    /// - Parameter asOf: the `--as-of` date; dates of past events are checked against it,
    ///   else against the patient's `as_of`, else today.
    static func read(_ path: String, engine: Engine, asOf: Day? = nil) throws -> Patient {
        let text: SourceText
        // The size is checked before the input is read (a file by its size, standard input
        // chunk by chunk), against the largest patient the readers take.
        let limit = YAMLLimits.patient.maxBytes
        if path == "-" {
            do throws(BoundedInput.Failure) {
                text = SourceText(name: "<stdin>", bytes: try BoundedInput.descriptor(STDIN_FILENO, limit: limit))
            } catch {
                Terminal.error("<stdin>: error: \(error.message(what: "standard input"))")
                throw ExitCode(2)
            }
        } else {
            do throws(BoundedInput.Failure) {
                text = SourceText(name: path, bytes: try BoundedInput.file(path, limit: limit))
            } catch {
                Terminal.error("\(path): error: \(error.message(what: "the patient file"))")
                throw ExitCode(2)
            }
        }
        let patient: Patient
        do {
            patient = try engine.decoder.decode(text, asOf: asOf, today: .today)
        } catch {
            throw Terminal.fail(error, code: 2)
        }
        if let problem = engine.missingJurisdiction(patient) {
            Terminal.error("\(text.name): error: \(problem)")
            throw ExitCode(2)
        }
        return patient
    }
}

extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
}

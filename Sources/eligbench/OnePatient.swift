import Eligibility
import Foundation

/// `eligbench one-patient [PATIENT] [N] [SERVICE ...]`: what one check costs a server that has the rules
/// loaded, phase by phase: reading the patient (JSON), evaluating with the explanation
/// (reasons, plan, ways out, questions), and printing the JSON report; each the median
/// over N rounds (default 2,000) after 200 rounds of warm-up. The default patient is the
/// one `bench/serve.sh` posts (the Danish example dk-schizophrenia-no-consent as JSON).
/// Services named after N limit the report to them, as a CDS Hooks order-select call does.
func onePatient(_ arguments: ArraySlice<String>) -> Int32 {
    let path = arguments.first ?? "bench/patient.json"
    let rounds = arguments.dropFirst().first.flatMap { Int($0) } ?? 2_000
    let services = arguments.count > 2 ? Array(arguments.dropFirst(2)) : nil
    guard let data = FileManager.default.contents(atPath: path) else {
        print("cannot read \(path)")
        return 2
    }
    // The server's memory settings, so the check is timed as the server makes it.
    ProcessMemory.keepFreedMemoryForReuse()
    let engine: Engine
    do {
        engine = try Engine(rules: ["rules"])
    } catch {
        print("the bundled rules do not load: run eligcheck lint")
        return 1
    }
    let bytes = [UInt8](data)
    var read: [Double] = [], explain: [Double] = [], print: [Double] = []
    var size = 0
    for round in 0..<(rounds + 200) {
        var patient: Patient?
        let r = seconds { patient = try? engine.decoder.decode(SourceText(name: path, bytes: bytes)) }
        guard let patient else {
            Swift.print("\(path) is not a patient the rules read: run eligcheck check \(path)")
            return 2
        }
        var report: Report?
        let e = seconds { report = try? engine.report(for: patient, services: services) }
        guard let report else { return 1 }
        // As the server sends it: bytes, no String made.
        var json: [UInt8] = []
        let p = seconds { json = report.jsonBytes() }
        size = json.count
        if round >= 200 { read.append(r); explain.append(e); print.append(p) }
    }
    let total = zip(zip(read, explain), print).map { $0.0 + $0.1 + $1 }
    Swift.print(String(format: "one check of %@ (%d B JSON report), median of %d: read %.0f µs, evaluate and explain %.0f µs, JSON %.0f µs; all %.0f µs (%.0f checks/s on one core)",
                       path, size, rounds, median(read) * 1e6, median(explain) * 1e6, median(print) * 1e6,
                       median(total) * 1e6, 1 / median(total)))
    return 0
}

import Eligibility
import Foundation

// The benchmark: rule load time, single-patient check time (process start included),
// patients per second for evaluation alone and end to end for `diff`, and peak memory
// for 100k and 1M patients. Run it as `swift run -c release eligbench`.
// `eligbench leak-check` parses a rule file 10,000 times and fails if memory grows.
// `eligbench one-patient [PATIENT] [N]` times one check phase by phase, rules loaded once.

let root = FileManager.default.currentDirectoryPath
let binDir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
let eligcheck = binDir.appendingPathComponent("eligcheck").path

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
          let pages = text.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return 0 }
    return pages * 4096
}

/// Runs a command; returns wall seconds, peak resident memory in bytes and the exit status.
func measure(_ arguments: [String], stdout: String = "/dev/null") -> (Double, Int, Int32) {
    var pid: pid_t = 0
    var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let start = DispatchTime.now().uptimeNanoseconds
    guard posix_spawn(&pid, arguments[0], &actions, nil, argv, environ) == 0 else { return (0, 0, -1) }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    posix_spawn_file_actions_destroy(&actions)
    return (elapsed, usage.ru_maxrss * 1024, (status >> 8) & 0xff)
}

func rate(_ n: Int, _ s: Double) -> String { "\(Int(Double(n) / s).formatted()) patients/s" }

func leakCheck() -> Int32 {
    let source = SourceText(name: "facts.yaml", bytes: [UInt8](FileManager.default.contents(atPath: "rules/common/facts.yaml") ?? Data()))
    let broken = SourceText(name: "b.yaml", text: "a: [1, 2\n")
    for _ in 0..<200 { _ = try? YAMLDocument.parse(source) }
    let before = residentBytes()
    for _ in 0..<10_000 { _ = try? YAMLDocument.parse(source) }
    for _ in 0..<1_000 { _ = try? YAMLDocument.parse(broken) }
    let growth = residentBytes() - before
    print("resident memory growth over 11,000 parses: \(growth) bytes")
    return growth < 16_000_000 ? 0 : 1
}

/// The standard cohort of n patients, made once with the project's generator
/// (`$ELIGCHECK_COHORT_SCRIPT`, else ../shared/bench/make_cohort.py).
func makeCohort(_ n: Int) -> String {
    let path = "bench/out/cohort-\(n).jsonl"
    if !FileManager.default.fileExists(atPath: path) {
        let script = ProcessInfo.processInfo.environment["ELIGCHECK_COHORT_SCRIPT"] ?? "../shared/bench/make_cohort.py"
        guard FileManager.default.fileExists(atPath: script) else {
            print("cannot make cohorts: \(script) not found (set ELIGCHECK_COHORT_SCRIPT to the make_cohort.py generator)")
            exit(1)
        }
        try? FileManager.default.createDirectory(atPath: "bench/out", withIntermediateDirectories: true)
        let (_, _, status) = measure(["/usr/bin/env", "python3", script, String(n)], stdout: path)
        if status != 0 {
            try? FileManager.default.removeItem(atPath: path)
            print("cannot make cohorts: \(script) failed with status \(status)")
            exit(1)
        }
    }
    return path
}

if CommandLine.arguments.dropFirst().first == "leak-check" { exit(leakCheck()) }
if CommandLine.arguments.dropFirst().first == "one-patient" { exit(onePatient(CommandLine.arguments.dropFirst(2))) }

print("eligcheck benchmark (\(ProcessInfo.processInfo.activeProcessorCount) cores)\n")

// Rule load and validation.
var loads: [Double] = []
var library: RuleLibrary?
for _ in 0..<20 { loads.append(seconds { library = try? RuleLibrary.load(from: ["rules"]) }) }
guard let library else { print("the bundled rules do not load: run eligcheck lint"); exit(1) }
var compiles: [Double] = []
for _ in 0..<20 { compiles.append(seconds { _ = Program(library) }) }
print(String(format: "rule load + validation: %.1f ms (median of 20); compile: %.1f ms", median(loads) * 1000, median(compiles) * 1000))

// Billion laughs.
var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
for i in 1...9 { bomb += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
let bombTime = seconds { _ = try? YAMLDocument.parse(SourceText(name: "bomb.yaml", text: bomb)) }
print(String(format: "billion-laughs file refused in %.2f ms", bombTime * 1000))

// One patient, process start included.
var checks: [Double] = []
for _ in 0..<20 { checks.append(measure([eligcheck, "check", "examples/se-sick-leave-trap-day200.yaml"]).0) }
print(String(format: "check of one patient, process start included: %.1f ms (median of 20)", median(checks) * 1000))

// diff end to end, through the real binary: the bundled rules against a copy with one
// rule changed (adult psychiatry from age 16 instead of 18), and against themselves.
// Measured before this process holds a cohort in memory, so the peak is the child's own.
let proposed = "bench/out/proposed-rules"
try? FileManager.default.removeItem(atPath: proposed)
try? FileManager.default.copyItem(atPath: "rules", toPath: proposed)
let psychiatry = "\(proposed)/dk/psychiatry.yaml"
if let text = try? String(contentsOfFile: psychiatry, encoding: .utf8) {
    try? text.replacingOccurrences(of: "          at_least: 18\n", with: "          at_least: 16\n")
        .write(toFile: psychiatry, atomically: true, encoding: .utf8)
}
// This machine's speed varies from run to run: each figure is the median of 5 runs, with
// the best run beside it.
for (label, other, threads) in [("one rule changed", proposed, 0), ("identical rules", "rules", 0), ("one rule changed, 1 thread", proposed, 1)] {
    for n in threads == 1 ? [1_000_000] : [100_000, 1_000_000] {
        let path = makeCohort(n)
        var runs: [(Double, Int)] = []
        for _ in 0..<5 {
            let (wall, peak, status) = measure([eligcheck, "diff", "--base", "rules", "--proposed", other, "--cohort", path]
                                               + (threads > 0 ? ["--threads", String(threads)] : []))
            guard status == 0 else { print("diff failed on \(path)"); break }
            runs.append((wall, peak))
        }
        guard !runs.isEmpty else { continue }
        let wall = median(runs.map(\.0))
        let best = runs.map(\.0).min() ?? wall
        let peak = runs.map(\.1).max() ?? 0
        print(String(format: "diff end to end, %@, %@ patients: %.2f s (median of 5; best %.2f s), %@ (best %@), peak memory %.0f MiB",
                     label, n.formatted(), wall, best, rate(n, wall), rate(n, best), Double(peak) / 1_048_576))
    }
}

// diff --by against plain diff on the same cohort, runs alternating so that both meet the
// same machine: the breakdown should cost no more than a fifth of the speed.
do {
    let n = 1_000_000
    let path = makeCohort(n)
    let plainArguments = [eligcheck, "diff", "--base", "rules", "--proposed", proposed, "--cohort", path]
    var plainRuns: [Double] = []
    var byRuns: [Double] = []
    for _ in 0..<5 {
        plainRuns.append(measure(plainArguments).0)
        byRuns.append(measure(plainArguments + ["--by", "diagnosis.group"]).0)
    }
    let plainWall = median(plainRuns), byWall = median(byRuns)
    print(String(format: "diff --by diagnosis.group, %@ patients: %.2f s (median of 5), %@; plain diff in the same runs %.2f s, %@: %.0f %% of plain speed",
                 n.formatted(), byWall, rate(n, byWall), plainWall, rate(n, plainWall), plainWall / byWall * 100))
}

// Evaluation alone: patients read into slots first, then evaluated (one thread).
let cohort100k = makeCohort(100_000)

// Parsing alone: cohort lines read into fact slots, nothing evaluated.
if let vocabulary = try? Vocabulary([library]),
   let (parseTime, lines) = try? CohortBenchmark.parsing(cohort100k, vocabulary: vocabulary) {
    let size = (try? FileManager.default.attributesOfItem(atPath: cohort100k)[.size] as? Int) ?? 0
    print("parsing JSON Lines alone, 1 thread: \(rate(lines, parseTime)), \(Int(Double(size) / 1_048_576 / parseTime)) MiB/s")
}

let engine = Engine(library: library)
var inputs: [([SlotValue], Day)] = []
do {
    let reader = try String(contentsOfFile: cohort100k, encoding: .utf8)
    for line in reader.split(separator: "\n") {
        guard let patient = try? engine.decoder.decode(SourceText(name: "l.json", text: String(line))) else { continue }
        var slots = Array(repeating: SlotValue.unknown, count: engine.program.inputCount)
        for (name, value) in patient.facts { if let s = engine.program.slot(name) { slots[s] = engine.program.slotValue(value) } }
        inputs.append((slots, patient.asOf ?? .today))
    }
}
let plain = CohortBenchmark.fullEvaluation(engine.program, inputs)
print("evaluation alone, full fixed point for every patient, 1 thread: \(rate(inputs.count, plain))")
let cached = CohortBenchmark.cachedEvaluation(engine.program, inputs)
print("evaluation alone, with the cohort outcome caches, 1 thread: \(rate(inputs.count, cached))")

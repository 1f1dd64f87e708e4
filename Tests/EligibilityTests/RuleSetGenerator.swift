import Foundation
@testable import Eligibility

/// Rule libraries made up for the differential test, the same for every run (seeded): facts
/// of every type (bool, enum, number, integer, date, ICD-10 code) and two derived facts (one
/// by cases, one by days since a date); criteria as nested `all`/`any`/`not` over every
/// comparison kind; requirements between services, some with a `when`, and in most
/// libraries one or two circles of 2-4 services waiting for each other; services and actions whose
/// effects change facts, some actions costly. With each library, patients that the patient
/// decoder accepts: every fact present about two times in three, numbers and dates on both
/// sides of the thresholds the library compares them with.
struct RuleSetGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    /// SplitMix64.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    private mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    private mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }

    static let bools = ["b1", "b2", "b3"]
    static let enums = ["e1", "e2"]
    static let numbers = ["n1", "n2"]
    static let dates = ["d1", "d2"]
    static let codes = ["F32.1", "F33", "F20.0", "F41.1", "F40", "F99", "Z73.0", "F43.2"]
    static let asOf = Day(year: 2026, month: 11, day: 23)!

    /// Thresholds used, per fact, so that patients fall on both sides of them.
    private var thresholds: [String: [Double]] = [:]
    private var dayThresholds: [String: [Int32]] = [:]

    /// One library: its files by name.
    mutating func library() -> [String: String] {
        thresholds = [:]
        dayThresholds = [:]
        let serviceCount = 6 + below(5)
        var services: [String] = []
        var requires: [[String]] = Array(repeating: [], count: serviceCount)
        for s in 0..<serviceCount {
            if chance(35) {
                let other = below(serviceCount)
                if other != s { requires[s].append(other.description) }
            }
        }
        // One circle of 2-4 services, and in about half the libraries a second one.
        var start = 0
        for circle in 0..<2 where circle == 0 || chance(50) {
            let size = 2 + below(3)
            guard start + size <= serviceCount else { break }
            for k in 0..<size {
                let from = start + k, to = start + (k + 1) % size
                if !requires[from].contains(to.description) { requires[from].append(to.description) }
            }
            start += size
        }
        for s in 0..<serviceCount {
            var text = """
              dk.s\(s):
                title: S\(s)
                because: b
                source: law
                criteria: \(condition(depth: 0))

            """
            if !requires[s].isEmpty {
                let entries = requires[s].map { other in
                    chance(30) ? "{service: dk.s\(other), because: b, source: law, when: \(comparison())}"
                        : "{service: dk.s\(other), because: b, source: law}"
                }
                text += "    requires: [\(entries.joined(separator: ", "))]\n"
            }
            if chance(30) { text += "    effects: [\(effect())]\n" }
            services.append(text)
        }
        // Reads every fact, so that none is declared and never read.
        let everything = (["jurisdiction", "i1", "c1", "g1", "s1"] + Self.bools + Self.enums + Self.numbers + Self.dates)
            .map { "{fact: \($0), known: true}" }.joined(separator: ", ")
        services.append("""
              dk.reads:
                title: Reads every fact
                because: b
                source: law
                criteria: {any: [\(everything)]}

            """)
        var actions: [String] = []
        for a in 0..<(1 + below(3)) {
            var text = """
              dk.a\(a):
                who: patient
                does: Do a\(a)
                source: law
                effects: [\(effect())]

            """
            if chance(30) { text += "    costs: \"a cost\"\n" }
            if chance(30) { text += "    when: \(comparison())\n" }
            actions.append(text)
        }
        let agency = """
        ruleset: gen.agency
        agency: Generated agency
        jurisdiction: DK
        version: "1"
        valid_from: 2020-01-01
        services:
        \(services.joined())actions:
        \(actions.joined())
        """
        return ["common.yaml": common(), "agency.yaml": agency]
    }

    private func common() -> String {
        """
        ruleset: gen.common
        version: "1"
        valid_from: 2020-01-01
        sources:
          law: {kind: law, cite: "A generated law"}
        facts:
          jurisdiction: {type: enum, values: [DK, SE, NO], informational: true}
          b1: {type: bool, informational: true, changeable_by: [patient]}
          b2: {type: bool, informational: true}
          b3: {type: bool, informational: true}
          e1: {type: enum, values: [a, b, c], informational: true}
          e2: {type: enum, values: [a, b, c], informational: true}
          n1: {type: number, min: 0, max: 100, informational: true}
          n2: {type: number, min: 0, max: 100, informational: true}
          i1: {type: integer, min: 0, max: 130, informational: true}
          d1: {type: date, informational: true}
          d2: {type: date, informational: true}
          c1: {type: string, format: icd10, informational: true}
        derived:
          g1:
            type: enum
            values: [x, y]
            description: "from e1 and n1"
            source: law
            cases:
              - {when: {fact: e1, equals: a}, value: x}
              - {when: {fact: n1, at_least: 50}, value: y}
            otherwise: x
          s1:
            type: integer
            description: "days since d1"
            days_since: d1
            source: law

        """
    }

    private mutating func condition(depth: Int) -> String {
        if depth >= 2 || chance(45) { return comparison() }
        switch below(3) {
        case 0: return "{not: \(condition(depth: depth + 1))}"
        case 1: return "{all: [\(condition(depth: depth + 1)), \(condition(depth: depth + 1))]}"
        default: return "{any: [\(condition(depth: depth + 1)), \(condition(depth: depth + 1)), \(condition(depth: depth + 1))]}"
        }
    }

    private mutating func number(_ fact: String, _ values: [Double]) -> Double {
        let x = pick(values)
        thresholds[fact, default: []].append(x)
        return x
    }

    private mutating func day(_ fact: String) -> Day {
        let d = Day(ordinal: Self.asOf.ordinal - Int32(below(2_000)))
        dayThresholds[fact, default: []].append(d.ordinal)
        return d
    }

    private mutating func comparison() -> String {
        switch below(13) {
        case 0: return "{fact: \(pick(Self.bools)), equals: \(chance(50))}"
        case 1: return "{fact: \(pick(Self.enums)), equals: \(pick(["a", "b", "c"]))}"
        case 2: return "{fact: \(pick(Self.enums)), in: [\(pick(["a", "b"])), c]}"
        case 3:
            let f = pick(Self.numbers)
            return "{fact: \(f), at_least: \(Self.text(number(f, [10, 25, 50, 75])))}"
        case 4:
            let f = pick(Self.numbers)
            return "{fact: \(f), at_most: \(Self.text(number(f, [20, 40.5, 60])))}"
        case 5:
            let f = pick(Self.numbers)
            let low = number(f, [5, 30]), high = number(f, [45, 90])
            return "{fact: \(f), between: [\(Self.text(low)), \(Self.text(high))]}"
        case 6: return "{fact: i1, \(pick(["at_least", "at_most"])): \(Int(number("i1", [16, 18, 25, 67])))}"
        case 7:
            let f = pick(Self.dates)
            return "{fact: \(f), before: \(day(f))}"
        case 8:
            let f = pick(Self.dates)
            return "{fact: \(f), after: \(day(f))}"
        case 9: return "{fact: \(pick(Self.dates)), \(pick(["within", "older_than"])): {\(pick(["days: 30", "days: 180", "months: 6", "weeks: 12", "years: 1"]))}}"
        case 10: return "{fact: c1, icd10: \(pick(["F32-F33", "[F20-F29, F40]", "F41", "[F43.2, F99]"]))}"
        case 11: return "{fact: \(pick(["g1", "s1"]) == "g1" ? "g1, equals: \(pick(["x", "y"]))" : "s1, at_least: \(Int(number("s1", [30, 180, 365])))")}"
        default: return "{fact: \(pick(Self.bools + Self.enums + Self.numbers + Self.dates + ["c1", "i1"])), known: \(chance(50))}"
        }
    }

    private mutating func effect() -> String {
        chance(60) ? "{fact: \(pick(Self.bools)), becomes: \(chance(60))}" : "{fact: \(pick(Self.enums)), becomes: \(pick(["a", "b", "c"]))}"
    }

    private static func text(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(x)
    }

    /// A patient of the last library made, as JSON.
    mutating func patient(_ n: Int) -> String {
        var fields = ["\"id\": \"p\(n)\"", "\"jurisdiction\": \"DK\""]
        func present() -> Bool { chance(67) }
        for f in Self.bools where present() { fields.append("\"\(f)\": \(chance(50))") }
        for f in Self.enums where present() { fields.append("\"\(f)\": \"\(pick(["a", "b", "c"]))\"") }
        for f in Self.numbers + ["i1"] where present() {
            let near = (thresholds[f] ?? []).flatMap { [$0 - 1, $0, $0 + 1] }
            var x = near.isEmpty || chance(20) ? Double(below(101)) : pick(near)
            x = max(0, min(100, x))
            fields.append("\"\(f)\": \(Self.text(x))")
        }
        let dayFacts = Self.dates
        for f in dayFacts where present() {
            let near = (dayThresholds[f] ?? []).flatMap { [$0 - 1, $0, $0 + 1] }
            let ordinal = near.isEmpty || chance(30) ? Self.asOf.ordinal - Int32(below(2_000)) : pick(near)
            fields.append("\"\(f)\": \"\(Day(ordinal: min(ordinal, Self.asOf.ordinal)))\"")
        }
        if present() { fields.append("\"c1\": \"\(pick(Self.codes))\"") }
        return "{" + fields.joined(separator: ", ") + "}"
    }
}

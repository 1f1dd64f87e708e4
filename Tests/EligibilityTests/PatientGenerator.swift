import Foundation
@testable import Eligibility

/// Cohort lines made up for the differential test, the same for every run (a seeded
/// generator): all three countries and a few lines without one, unknown and null facts,
/// values on both sides of every threshold the rules compare with (dates relative to
/// each line's own `as_of` included), ICD-10 codes at the ends of every range the rules
/// name and in odd forms, values outside a fact's range, and mixed evaluation dates. The
/// date of a past event (a `past_only` fact) lies after the line's evaluation date on about
/// one line in fifty, which the cohort reader then rejects as a patient file would be.
struct PatientGenerator {
    private var state: UInt64
    private let facts: [(name: String, type: FactType, candidates: [String], pastOnly: Bool)]
    /// The date a line without `as_of` is evaluated on.
    private let defaultDate: Day
    private let dates: [Day]
    private let countries = ["DK", "SE", "NO"]

    init(program: Program, seed: UInt64, defaultDate: Day = Day(year: 2026, month: 11, day: 23)!) {
        state = seed
        self.defaultDate = defaultDate
        var dates = ["2026-11-23", "2026-02-28", "2025-08-01", "2024-02-29", "2021-01-01", "2019-12-31"].compactMap { Day(iso: $0) }
        for set in program.library.ruleSets {
            dates += [set.validFrom, Day(ordinal: set.validFrom.ordinal - 1)]
            if let to = set.validTo { dates += [to, Day(ordinal: to.ordinal + 1)] }
        }
        self.dates = dates
        // Per slot, the values the rules compare it with, and their neighbours.
        var candidates: [Int: Set<String>] = [:]
        func add(_ slot: Int, _ values: [String]) { candidates[slot, default: []].formUnion(values) }
        let daysSince = Dictionary(program.derived.compactMap { d -> (Int, Int)? in
            if case .daysSince(let source) = d.rule { return (d.slot, source) }
            return nil
        }, uniquingKeysWith: { a, _ in a })
        func days(_ day: Day) -> [String] { (-1...1).map { Day(ordinal: day.ordinal + Int32($0)).description.jsonQuoted } }
        for leaf in program.leaves {
            switch leaf.test {
            case .equals(let value): add(leaf.slot, [program.describe(value).jsonQuotedUnlessNumber(value)])
            case .oneOf(let values): add(leaf.slot, values.map { program.describe($0).jsonQuotedUnlessNumber($0) })
            case .atLeast(let x), .atMost(let x):
                if let source = daysSince[leaf.slot] {
                    for day in dates { add(source, days(Day(ordinal: day.ordinal - Int32(x)))) }
                } else {
                    add(leaf.slot, [x - 1, x - 0.5, x, x + 0.5, x + 1].map(Self.number))
                }
            case .between(let a, let b): add(leaf.slot, [a - 1, a, a + 0.5, b, b + 1].map(Self.number))
            case .before(let d), .after(let d): add(leaf.slot, days(Day(ordinal: Int32(d))))
            case .olderThan(let duration), .within(let duration):
                for day in dates { add(leaf.slot, days(day.minus(duration))) }
            case .icd10:
                guard case .icd10(let ranges) = leaf.comparison.test else { continue }
                for range in ranges {
                    for code in [range.low, range.high] {
                        let dotted = code.count > 3 ? String(code.prefix(3)) + "." + String(code.dropFirst(3)) : code
                        add(leaf.slot, [dotted, dotted + ".9", code + "0", "D" + code, dotted.lowercased(),
                                        dotted.replacingOccurrences(of: ".", with: ",")].map(\.jsonQuoted))
                    }
                }
                add(leaf.slot, ["F", "F3", "É32", "F32.12345", "32F", " F32.1", "Z99.9"].map(\.jsonQuoted))
            case .known: break
            }
        }
        var facts: [(String, FactType, [String], Bool)] = []
        for (slot, name) in program.vocabulary.inputNames.enumerated() where name != "jurisdiction" {
            let type = program.vocabulary.inputTypes[slot]
            var values = candidates[slot] ?? []
            let entry = program.library.catalog[name]
            switch type {
            case .bool: values.formUnion(["true", "false"])
            case .integer:
                values.formUnion([0, 1, 17, 18, 19, 40, 67, 68].map(Self.number))
                if let min = entry?.min { values.formUnion([min - 1, min].map(Self.number)) }
                if let max = entry?.max { values.formUnion([max, max + 1].map(Self.number)) }
                values = values.filter { !$0.contains(".") }
            case .number: values.formUnion(["0", "0.5", "1", "12000.75"])
            case .date: values.formUnion(dates.map(\.description.jsonQuoted))
            case .enumeration(let allowed): values.formUnion((allowed + ["not-a-value"]).map(\.jsonQuoted))
            case .string: values.formUnion(["F32.1", "F20", "none"].map(\.jsonQuoted))
            }
            facts.append((name, type, values.sorted(), entry?.pastOnly == true))
        }
        self.facts = facts
    }

    private static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// One patient as a cohort line.
    mutating func line(_ index: Int) -> String {
        var top: [(String, String)] = [("id", "\"g-\(index)\"")]
        let dice = below(100)
        if dice < 94 {
            top.append(("jurisdiction", countries[dice % 3].jsonQuoted))
        } else if dice < 96 {
            top.append(("jurisdiction", "FI".jsonQuoted))
        }
        var day = defaultDate
        if below(5) > 0 {
            day = dates[below(dates.count)]
            top.append(("as_of", day.description.jsonQuoted))
        }
        let eventsMayFollow = below(50) == 0
        var nested: [String: [(String, String)]] = [:]
        var order: [String] = []
        for fact in facts {
            let roll = below(20)
            guard roll >= 7 else { continue }
            var candidates = fact.candidates
            if fact.pastOnly && !eventsMayFollow {
                candidates = candidates.filter { Day(iso: String($0.dropFirst().dropLast())).map { $0 <= day } ?? true }
                if candidates.isEmpty { continue }
            }
            let value = roll == 7 ? "null" : candidates[below(candidates.count)]
            let parts = fact.name.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 1 {
                top.append((parts[0], value))
            } else {
                if nested[parts[0]] == nil { order.append(parts[0]) }
                nested[parts[0], default: []].append((parts[1], value))
            }
        }
        for group in order { top.append((group, Self.object(nested[group] ?? []))) }
        // Now and then the keys come in another order than on the lines before.
        if below(10) == 0 { top.reverse() }
        return Self.object(top)
    }

    /// A JSON object of keys and values already written as JSON; a key with dots in it
    /// (a fact nested deeper) is written as nested objects.
    private static func object(_ pairs: [(String, String)]) -> String {
        var deeper: [String: [(String, String)]] = [:]
        var parts: [String] = []
        for (key, value) in pairs {
            let split = key.split(separator: ".", maxSplits: 1).map(String.init)
            if split.count == 2 {
                if deeper[split[0]] == nil { parts.append(split[0]) }
                deeper[split[0], default: []].append((split[1], value))
            } else {
                parts.append("\(key.jsonQuoted):\(value)")
            }
        }
        let written = parts.map { part in deeper[part].map { "\(part.jsonQuoted):\(object($0))" } ?? part }
        return "{" + written.joined(separator: ",") + "}"
    }
}

extension String {
    var jsonQuoted: String { JSONWriter.quote(self) }

    /// The value as JSON: numbers and booleans as they are, text quoted.
    func jsonQuotedUnlessNumber(_ value: SlotValue) -> String {
        value.tag == .symbol || value.tag == .date ? jsonQuoted : self
    }
}

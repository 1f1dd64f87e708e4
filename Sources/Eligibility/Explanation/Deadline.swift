/// What a rule's deadline text means for a plan: whether it is urgent, and the time
/// limit it sets, so that a plan can give a date where the start is known.
///
/// Deadlines are free text in the rules (`"Answer within 8 working days"`); this reads
/// the two things a meeting needs and leaves the words as they are.
public struct Deadline: Sendable, Hashable {
    /// A time limit: an amount of a unit.
    public struct Limit: Sendable, Hashable {
        public enum Unit: String, Sendable { case days, workingDays = "working days", weeks, months, years }
        public var amount: Int
        public var unit: Unit
    }

    public var text: String
    /// The text says to act at once (`at once`, `omgående`, `immediately`, `as soon as`).
    /// "Without delay" is left out: the rules use it for what an agency owes the patient.
    public var isUrgent: Bool
    /// The first time limit the text sets for this step (`within 10 working days`,
    /// `1 month after it is issued`); a limit on an appeal or complaint is not the step's.
    public var limit: Limit?

    static let urgentWords = ["at once", "omgående", "immediately", "as soon as"]

    public init(_ text: String) {
        self.text = text
        let lower = text.lowercased()
        isUrgent = Self.urgentWords.contains { lower.contains($0) }
        limit = Self.limit(in: lower)
    }

    /// The date the limit runs out when the step starts on `start`. Working days skip
    /// Saturdays and Sundays; public holidays are not known and are not skipped.
    public func date(from start: Day) -> Day? {
        guard let limit else { return nil }
        // More days than a Day spans: the same last day, and nothing below overflows.
        let amount = min(limit.amount, 1 << 33)
        let day: Day
        switch limit.unit {
        case .days: day = Day(clamping: Int(start.ordinal) + amount)
        case .weeks: day = Day(clamping: Int(start.ordinal) + amount * 7)
        case .months: day = start.minus(Duration(amount: -amount, unit: .months))
        case .years: day = start.minus(Duration(amount: -amount, unit: .years))
        case .workingDays:
            var next = start
            var left = amount
            while left > 0, next < Day.latestWritten {
                next = Day(ordinal: next.ordinal + 1)
                // Day 0 (1970-01-01) was a Thursday: (ordinal + 3) mod 7 is 0 on Mondays.
                let weekday = ((Int(next.ordinal) + 3) % 7 + 7) % 7
                if weekday < 5 { left -= 1 }
            }
            day = next
        }
        // A date is written YYYY-MM-DD: a limit running out after 9999 (a plan dated late
        // in 9999, or a rule's limit of thousands of years) is shown as that year's end.
        return min(day, Day.latestWritten)
    }

    private static let numbers = ["one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                                  "eight": 8, "ten": 10, "twelve": 12]

    /// `within N unit` or `N unit after`, in a clause (between `;` or `,`) that is not
    /// about an appeal or a complaint.
    private static func limit(in text: String) -> Limit? {
        for clause in text.split(whereSeparator: { $0 == ";" || $0 == "," || $0 == "(" }) {
            if clause.contains("appeal") || clause.contains("complain") { continue }
            let words = clause.split(separator: " ").map(String.init)
            for (i, word) in words.enumerated() {
                guard let amount = Int(word) ?? numbers[word], i + 1 < words.count else { continue }
                let before = i > 0 ? words[i - 1] : ""
                var unit: Limit.Unit?
                var next = i + 1
                if words[next] == "working", next + 1 < words.count, words[next + 1].hasPrefix("day") {
                    unit = .workingDays
                    next += 1
                } else {
                    unit = Self.unit(words[next])
                }
                guard let unit else { continue }
                let after = next + 1 < words.count ? words[next + 1] : ""
                if before == "within" || after == "after" { return Limit(amount: amount, unit: unit) }
            }
        }
        return nil
    }

    private static func unit(_ word: String) -> Limit.Unit? {
        if word.hasPrefix("day") { return .days }
        if word.hasPrefix("week") { return .weeks }
        if word.hasPrefix("month") { return .months }
        if word.hasPrefix("year") { return .years }
        return nil
    }
}

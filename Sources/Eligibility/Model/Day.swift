/// A calendar date, stored as days since 1970-01-01 (proleptic Gregorian).
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var ordinal: Int32

    public init(ordinal: Int32) { self.ordinal = ordinal }

    /// nil when the date does not exist (e.g. 2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        ordinal = Int32(Day.daysFromCivil(year: year, month: month, day: day))
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(iso text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { return nil }
        self.init(isoBytes: bytes[...])
    }

    /// Parses exactly `YYYY-MM-DD` from bytes (of a file or a cohort line).
    init?<Bytes: RandomAccessCollection<UInt8>>(isoBytes b: Bytes) where Bytes.Index == Int {
        let start = b.startIndex
        guard b.count == 10, b[start + 4] == UInt8(ascii: "-"), b[start + 7] == UInt8(ascii: "-") else { return nil }
        func number(_ from: Int, _ n: Int) -> Int? {
            var value = 0
            for i in (start + from)..<(start + from + n) {
                let d = Int(b[i]) - 48
                guard d >= 0, d <= 9 else { return nil }
                value = value * 10 + d
            }
            return value
        }
        guard let y = number(0, 4), let m = number(5, 2), let d = number(8, 2) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var components: (year: Int, month: Int, day: Int) { Day.civil(fromDays: Int(ordinal)) }

    public var description: String {
        let (y, m, d) = components
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }

    /// This date moved back by a duration; months and years keep the day of the month,
    /// clamped to the month's end. Never traps: a result before or after what a `Day`
    /// holds is its first or last day (rule files allow far shorter durations, see
    /// `Duration.maximum`).
    public func minus(_ duration: Duration) -> Day {
        // Past this many units the result is out of range from any start (a span of 2^33
        // days is twice what a Day holds), and nothing below overflows.
        let limit = (1 << 33) / duration.unit.leastDays
        let amount = Swift.min(Swift.max(duration.amount, -limit), limit)
        switch duration.unit {
        case .days: return Day(clamping: Int(ordinal) - amount)
        case .weeks: return Day(clamping: Int(ordinal) - amount * 7)
        case .months, .years:
            let months = duration.unit == .years ? amount * 12 : amount
            let (y, m, d) = components
            let total = y * 12 + (m - 1) - months
            let year = total >= 0 ? total / 12 : (total - 11) / 12
            let month = total - year * 12 + 1
            let day = Swift.min(d, Day.daysIn(month: month, year: year))
            return Day(clamping: Day.daysFromCivil(year: year, month: month, day: day))
        }
    }

    /// The last day a date of four-digit year can name, the last one written out.
    public static let latestWritten = Day(ordinal: Int32(daysFromCivil(year: 9999, month: 12, day: 31)))

    /// The day `ordinal` days after 1970-01-01, or the nearest day a `Day` can hold.
    init(clamping ordinal: Int) {
        self.init(ordinal: Int32(clamping: ordinal))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's civil-date algorithms.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

/// A length of time in a rule: `{days: 180}`, `{months: 1}`.
public struct Duration: Sendable, Hashable, CustomStringConvertible {
    public enum Unit: String, Sendable, CaseIterable {
        case days, weeks, months, years

        /// The fewest days one of this unit spans.
        var leastDays: Int {
            switch self {
            case .days: return 1
            case .weeks: return 7
            case .months: return 28
            case .years: return 365
            }
        }
    }
    public var amount: Int
    public var unit: Unit

    /// The longest duration a rule may name, per unit: 200 years (a lifetime and more;
    /// `lint` refuses longer ones at their line).
    public static func maximum(_ unit: Unit) -> Int {
        switch unit {
        case .days: return 73_050
        case .weeks: return 10_436
        case .months: return 2_400
        case .years: return 200
        }
    }


    public var description: String {
        let name = amount == 1 ? String(unit.rawValue.dropLast()) : unit.rawValue
        return "\(amount) \(name)"
    }
}

import Testing
@testable import Eligibility

/// Date arithmetic takes any duration without trapping; results beyond what a `Day` holds
/// are clamped to its first or last day.
@Suite("Day arithmetic never traps")
struct DayArithmeticTests {
    let day = Day(year: 2026, month: 11, day: 23)!
    let before1970 = Day(year: 1950, month: 3, day: 31)!

    @Test("Ordinary durations move the date as the calendar does")
    func ordinary() {
        #expect(day.minus(Duration(amount: 180, unit: .days)).description == "2026-05-27")
        #expect(day.minus(Duration(amount: 2, unit: .weeks)).description == "2026-11-09")
        #expect(before1970.minus(Duration(amount: 1, unit: .months)).description == "1950-02-28")
        #expect(before1970.minus(Duration(amount: 200, unit: .years)).description == "1750-03-31")
        #expect(day.minus(Duration(amount: 73_049, unit: .days)).description == "1826-11-23")
    }

    @Test("Durations that do not fit 32 bits clamp to the earliest day instead of trapping")
    func huge() {
        let earliest = Day(ordinal: .min), latest = Day(ordinal: .max)
        #expect(day.minus(Duration(amount: 3_000_000_000, unit: .days)) == earliest)
        #expect(day.minus(Duration(amount: 4_294_967_296, unit: .months)) == earliest)
        #expect(before1970.minus(Duration(amount: 2_147_483_647, unit: .days)) == earliest)
        #expect(before1970.minus(Duration(amount: .max, unit: .weeks)) == earliest)
        #expect(day.minus(Duration(amount: .max, unit: .years)) == earliest)
        #expect(latest.minus(Duration(amount: .min, unit: .days)) == latest)
        #expect(earliest.minus(Duration(amount: 1, unit: .days)) == earliest)
    }

    @Test("A cutoff clamped to the earliest day still compares: every date is after it")
    func clampedCutoff() {
        let cutoff = before1970.minus(Duration(amount: 2_147_483_647, unit: .days))
        #expect(before1970 > cutoff)
        #expect(Day(year: 0, month: 1, day: 1)! > cutoff)
    }
}

import Eligibility

extension Day {
    /// The date as people read it: `Monday 7 December 2026`.
    var readable: String {
        let (year, month, day) = components
        // Day 0 (1970-01-01) was a Thursday: (ordinal + 3) mod 7 is 0 on Mondays.
        let weekday = ((Int(ordinal) + 3) % 7 + 7) % 7
        return "\(Self.weekdays[weekday]) \(day) \(Self.months[month - 1]) \(year)"
    }

    private static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    private static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                                 "October", "November", "December"]
}

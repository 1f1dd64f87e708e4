/// The dates a rule is in force, both inclusive: a criterion's version, a threshold, a
/// whole service or action (`valid_from:` / `valid_to:` in the rule file). Evaluated on
/// the patient's evaluation date, so one rule folder answers for any date.
public struct InForce: Sendable, Hashable {
    /// nil: since always.
    public var from: Day?
    /// nil: with no end.
    public var to: Day?
    /// Where `valid_from` (or, without it, `valid_to`) is written.
    public var location: SourceLocation

    public init(from: Day?, to: Day?, location: SourceLocation) {
        self.from = from
        self.to = to
        self.location = location
    }

    public func contains(_ day: Day) -> Bool {
        (from.map { day >= $0 } ?? true) && (to.map { day <= $0 } ?? true)
    }

    /// The period as a person reads it: "from 2027-01-01", "until 2026-12-31",
    /// "2025-07-01 to 2026-12-31".
    public var text: String {
        switch (from, to) {
        case let (from?, to?): return "\(from) to \(to)"
        case let (from?, nil): return "from \(from)"
        case let (nil, to?): return "until \(to)"
        case (nil, nil): return "always"
        }
    }
}

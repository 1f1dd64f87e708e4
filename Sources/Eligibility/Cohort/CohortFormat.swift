/// How a cohort file is written: JSON Lines (one patient object a line) or CSV (a header
/// naming each column's fact, then one patient a line).
public enum CohortFormat: String, Sendable, CaseIterable {
    case jsonLines = "jsonl"
    case csv

    /// The format a file's name says: a name ending in `.csv` (any case) is CSV, any
    /// other name (standard input, `-`, among them) JSON Lines.
    public init(path: String) {
        self = path.lowercased().hasSuffix(".csv") ? .csv : .jsonLines
    }
}

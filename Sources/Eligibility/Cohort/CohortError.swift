/// Problems with a cohort file as a whole (bad lines are reported per line instead).
public enum CohortError: Error, CustomStringConvertible, Sendable {
    case cannotOpen(String)
    case cannotRead(String)

    public var description: String {
        switch self {
        case .cannotOpen(let p): return "\(p): error: cannot open the cohort file"
        case .cannotRead(let p): return "\(p): error: cannot read the cohort file"
        }
    }
}

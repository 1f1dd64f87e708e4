/// A known value of a fact. Unknown is the absence of a value, never a value.
public enum FactValue: Sendable, Hashable, CustomStringConvertible {
    case bool(Bool)
    case integer(Int)
    case number(Double)
    /// Text, and the value of an enum fact.
    case string(String)
    case date(Day)

    /// The value as a number, for comparisons between integer and number facts.
    public var numeric: Double? {
        switch self {
        case .integer(let v): return Double(v)
        case .number(let v): return v
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .bool(let v): return String(v)
        case .integer(let v): return String(v)
        case .number(let v):
            return v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
        case .string(let v): return v
        case .date(let v): return v.description
        }
    }

    /// Equality as rules mean it: 3 equals 3.0.
    public func matches(_ other: FactValue) -> Bool {
        if let a = numeric, let b = other.numeric { return a == b }
        return self == other
    }
}

/// The declared type of a fact.
public enum FactType: Sendable, Hashable, CustomStringConvertible {
    case bool, integer, number, string, date
    case enumeration([String])

    public var description: String {
        switch self {
        case .bool: return "bool"
        case .integer: return "integer"
        case .number: return "number"
        case .string: return "string"
        case .date: return "date"
        case .enumeration(let values): return "one of " + values.joined(separator: ", ")
        }
    }

    public var isNumeric: Bool { self == .integer || self == .number }
}

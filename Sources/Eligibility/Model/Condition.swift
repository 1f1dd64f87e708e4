/// A criterion as written: an all/any/not tree over comparisons of facts.
public indirect enum Condition: Sendable {
    case all([Condition], ConditionNote)
    case any([Condition], ConditionNote)
    case not(Condition, ConditionNote)
    case compare(Comparison, ConditionNote)

    public var note: ConditionNote {
        switch self {
        case .all(_, let n), .any(_, let n), .not(_, let n), .compare(_, let n): return n
        }
    }

    /// Every condition in the tree, this one first, in document order.
    public var nodes: [Condition] {
        switch self {
        case .all(let parts, _), .any(let parts, _): return [self] + parts.flatMap(\.nodes)
        case .not(let part, _): return [self] + part.nodes
        case .compare: return [self]
        }
    }

    /// Every comparison in the tree, in document order.
    public var comparisons: [Comparison] {
        switch self {
        case .all(let parts, _), .any(let parts, _): return parts.flatMap(\.comparisons)
        case .not(let part, _): return part.comparisons
        case .compare(let comparison, _): return [comparison]
        }
    }
}

/// What a condition says about itself: where it is written, why, and on what authority.
public struct ConditionNote: Sendable {
    public var origin: RuleOrigin
    public var because: String?
    public var sources: [SourceReference]
    /// Seed passages quoted as evidence.
    public var quotes: [Quote] = []
    /// The patient's situation in words when the condition does not hold ("Not on sick
    /// leave"); `{value}` stands for the patient's value. Without it the words are made
    /// from the fact's label, the value seen and what the rule asks.
    public var fails: String? = nil
    /// The dates the condition is in force (`valid_from`/`valid_to`); nil: always. Out of
    /// force, the condition is not part of the rule at all (see `DatedRules`).
    public var inForce: InForce? = nil
}

/// A source id as written in a rule, with its position for lint messages.
public struct SourceReference: Sendable, Hashable {
    public var id: String
    public var location: SourceLocation
}

/// One fact compared with literals.
public struct Comparison: Sendable {
    public var fact: String
    public var factLocation: SourceLocation
    public var test: Test

    public enum Test: Sendable {
        case equals(Literal)
        case oneOf([Literal])
        case atLeast(Literal)
        case atMost(Literal)
        case between(Literal, Literal)
        case before(Literal)
        case after(Literal)
        case olderThan(Duration)
        case within(Duration)
        case icd10([ICD10Range])
        case known(Bool)
    }
}

/// A literal in a rule: the YAML value as written, typed once the fact's type is known.
public struct Literal: Sendable {
    public var node: YAMLNode
    public var value: FactValue?
}

/// Every rule set loaded, validated across files, with the fact vocabulary they share.
/// Built only from files without errors: a library that exists is whole.
public struct RuleLibrary: Sendable {
    public internal(set) var ruleSets: [RuleSet]
    public internal(set) var catalog: FactCatalog
    public internal(set) var sources: [String: Source]
    /// Derived facts in evaluation order: each after the facts it reads.
    public internal(set) var derived: [DerivedFact]
    /// A content hash of the rule files, so an output names the rules it came from.
    public internal(set) var version: String
    /// What each link that can make a patient wait rests on, by the place it is written:
    /// a prerequisite, or a comparison on a fact that a service or step can change.
    public internal(set) var citations: [RuleOrigin: Citation] = [:]
    /// What `lint` reports beyond load errors: the rules work, but a person is short of
    /// something (a fact a person supplies without a question to ask them).
    public internal(set) var lintProblems: [Diagnostic] = []
    /// The rule files under the rules folder (`se/employment.yaml`), as reports list them.
    public var files: [String] { ruleSets.map(\.shownFile) }

    public var services: [Service] { ruleSets.flatMap(\.services) }
    /// The countries the rules are written for (each rule set's `jurisdiction`), each once,
    /// in the order the `jurisdiction` fact declares its values.
    public var jurisdictions: [String] {
        var seen: [String] = []
        for set in ruleSets { if let j = set.jurisdiction, !seen.contains(j) { seen.append(j) } }
        let declared = declaredJurisdictions
        return seen.sorted { (declared.firstIndex(of: $0) ?? .max) < (declared.firstIndex(of: $1) ?? .max) }
    }

    /// The values the `jurisdiction` fact declares, in their order.
    var declaredJurisdictions: [String] {
        if case .enumeration(let values)? = catalog["jurisdiction"]?.type { return values }
        return []
    }

    /// Names joined for a person: "DK, SE or NO".
    public static func either(_ names: [String]) -> String {
        names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1] : names.joined()
    }
    public var actions: [Action] { ruleSets.flatMap(\.actions) }
    public var needs: [Need] { ruleSets.flatMap(\.needs) }
    public var alerts: [AlertRule] { ruleSets.flatMap(\.alerts) }

    public func service(_ id: String) -> Service? {
        for set in ruleSets { if let found = set.services.first(where: { $0.id == id }) { return found } }
        return nil
    }

    public func action(_ id: String) -> Action? {
        for set in ruleSets { if let found = set.actions.first(where: { $0.id == id }) { return found } }
        return nil
    }
}

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

/// What a save of a label and facts over a stored case writes, in either store: the
/// changes field by field, and the case after it (the next version, evaluated).
struct CaseSave {
    let changes: [(field: String, old: String?, new: String?)]
    /// The case as saved.
    let saved: StoredCase

    /// nil when the save changes nothing (it records nothing and keeps the version).
    /// - Throws: `CaseStoreError.staleVersion` when `current` is no longer at `version`.
    init?(over current: StoredCase, from version: Int, label: String, facts: CaseFacts, evaluate: CaseEvaluator) throws {
        guard current.version == version else {
            throw CaseStoreError.staleVersion(id: current.id, given: version, current: current.version)
        }
        var changes = facts.changes(from: current.facts)
        if label != current.label { changes.insert(("label", current.label, label), at: 0) }
        guard !changes.isEmpty else { return nil }
        self.changes = changes
        var saved = current
        saved.label = label
        saved.facts = facts
        saved.version = version + 1
        saved.updatedAt = CaseStore.timestamp()
        saved.evaluation = evaluate(facts)
        self.saved = saved
    }
}

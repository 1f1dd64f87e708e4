import GRDB

extension CaseStore {
    /// Evaluates again every case last evaluated under other rules, in one transaction,
    /// and records for each whose statuses moved which ones did.
    /// - Returns: how many cases changed status.
    @discardableResult
    public func reevaluate(rulesVersion: String, evaluate: @escaping Evaluate) async throws -> Int {
        try await pool.write { db in
            var changed = 0
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM patient_case")
            for row in rows {
                let stored = try Self.storedCase(row)
                if stored.evaluation?.rulesVersion == rulesVersion { continue }
                let (evaluation, statusChange) = Self.reevaluation(of: stored, rulesVersion: rulesVersion, evaluate: evaluate)
                if statusChange != nil { changed += 1 }
                try db.execute(sql: "UPDATE patient_case SET evaluation = ?, status_change = ? WHERE id = ?",
                               arguments: [try Self.encode(evaluation), try statusChange.map(Self.encode), stored.id])
            }
            return changed
        }
    }

    /// A stored case's evaluation under `rulesVersion`, and how its statuses moved (nil when
    /// none did, or when either evaluation is a problem).
    static func reevaluation(of stored: StoredCase, rulesVersion: String,
                             evaluate: CaseEvaluator) -> (CaseEvaluation, StatusChange?) {
        let evaluation = evaluate(stored.facts)
        guard let old = stored.evaluation, old.problem == nil, evaluation.problem == nil else { return (evaluation, nil) }
        let entries = evaluation.statusChanges(from: old)
        return (evaluation, entries.isEmpty ? nil : StatusChange(rulesVersion: rulesVersion, entries: entries))
    }
}

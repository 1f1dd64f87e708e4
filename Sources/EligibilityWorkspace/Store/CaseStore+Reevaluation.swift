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
                let evaluation = evaluate(stored.facts)
                var statusChange: StatusChange?
                if let old = stored.evaluation, old.problem == nil, evaluation.problem == nil {
                    let entries = evaluation.statusChanges(from: old)
                    if !entries.isEmpty {
                        statusChange = StatusChange(rulesVersion: rulesVersion, entries: entries)
                        changed += 1
                    }
                }
                try db.execute(sql: "UPDATE patient_case SET evaluation = ?, status_change = ? WHERE id = ?",
                               arguments: [try Self.encode(evaluation), try statusChange.map(Self.encode), stored.id])
            }
            return changed
        }
    }
}

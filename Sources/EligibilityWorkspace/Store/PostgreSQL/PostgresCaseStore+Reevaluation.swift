import PostgresNIO

extension PostgresCaseStore {
    /// Evaluates again every case last evaluated under other rules, in one transaction under
    /// an advisory lock: when several servers load new rules at once, the first evaluates the
    /// cases and the others, waiting on the lock, then find every case already under them.
    @discardableResult
    public func reevaluate(rulesVersion: String, evaluate: @escaping CaseEvaluator) async throws -> Int {
        try await transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.reevaluationLock))", logger: logger)
            let cases = try await Self.storedCases(connection.query(PostgresQuery(unsafeSQL: """
                SELECT \(Self.caseColumns) FROM patient_case ORDER BY id FOR UPDATE
                """), logger: logger))
            var changed = 0
            for stored in cases where stored.evaluation?.rulesVersion != rulesVersion {
                let (evaluation, statusChange) = CaseStore.reevaluation(of: stored, rulesVersion: rulesVersion, evaluate: evaluate)
                if statusChange != nil { changed += 1 }
                let encoded = try CaseStore.encode(evaluation)
                let change = try statusChange.map(CaseStore.encode)
                try await connection.query("""
                    UPDATE patient_case SET evaluation = \(encoded), status_change = \(change) WHERE id = \(stored.id)
                    """, logger: logger)
            }
            return changed
        }
    }
}

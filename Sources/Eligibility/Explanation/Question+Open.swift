extension Question {
    /// The open questions for one patient: every unknown fact that an undecided service
    /// waits for, once, ordered so that the answer that decides most comes first.
    ///
    /// Order: the number of undecided services the fact helps decide, then the number it
    /// settles alone (the service waits for nothing else), then the catalogue's order of
    /// declaration, so equal facts always come out the same way.
    /// - Parameters:
    ///   - undecided: each `needs_info` service's id with the facts that decide it, in report order.
    ///   - catalog: the fact catalogue, for questions, types and choices.
    /// - Complexity: O(s·m + q log q) for s services with m missing facts each and q questions.
    static func open(for undecided: [(id: String, missing: [String])], catalog: FactCatalog) -> [Question] {
        var decides: [String: [String]] = [:]
        var alone: [String: Int] = [:]
        for (id, missing) in undecided {
            for fact in missing where decides[fact]?.last != id {
                decides[fact, default: []].append(id)
            }
            if Set(missing).count == 1, let only = missing.first {
                alone[only, default: 0] += 1
            }
        }
        let position = catalog.positions
        let questions = decides.map { fact, ids -> Question in
            let entry = catalog[fact]
            return Question(fact: fact, question: entry?.question ?? entry?.description ?? fact, type: entry?.type ?? .string,
                            choices: entry?.choices ?? [], decides: ids, settlesAlone: alone[fact] ?? 0)
        }
        let placed = questions.map { (question: $0, position: position[$0.fact] ?? .max) }
        return placed.sorted { x, y in
            let a = x.question, b = y.question
            if a.decides.count != b.decides.count { return a.decides.count > b.decides.count }
            if a.settlesAlone != b.settlesAlone { return a.settlesAlone > b.settlesAlone }
            return x.position != y.position ? x.position < y.position : a.fact < b.fact
        }.map(\.question)
    }
}

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
        // Each fact is looked up once, by its place in the catalogue (a fact the catalogue
        // lacks gets a place after all of them); the tallies are then arrays by place.
        let known = catalog.names.count
        var extra: [String] = []
        var extraPlace: [String: Int] = [:]
        func place(_ fact: String) -> Int {
            if let p = catalog.positions[fact] { return p }
            if let p = extraPlace[fact] { return p }
            extraPlace[fact] = known + extra.count
            extra.append(fact)
            return known + extra.count - 1
        }
        var decides: [[String]] = Array(repeating: [], count: known)
        var alone: [Int] = Array(repeating: 0, count: known)
        var met: [Int] = []
        for (id, missing) in undecided {
            var only = -1, distinct = 0
            for fact in missing {
                let p = place(fact)
                while p >= decides.count { decides.append([]); alone.append(0) }
                if decides[p].last != id {
                    if decides[p].isEmpty { met.append(p) }
                    decides[p].append(id)
                }
                if distinct == 0 { only = p; distinct = 1 } else if p != only { distinct = 2 }
            }
            if distinct == 1 { alone[only] += 1 }
        }
        var questions: [Question] = []
        questions.reserveCapacity(met.count)
        for p in met {
            if p < known {
                // The catalogue's entry read in place, by position.
                let fact = catalog.names[p]
                questions.append(Question(fact: fact, question: catalog.entries[p].question ?? catalog.entries[p].description ?? fact,
                                          type: catalog.entries[p].type, choices: catalog.entries[p].choices,
                                          decides: decides[p], settlesAlone: alone[p]))
            } else {
                let fact = extra[p - known]
                questions.append(Question(fact: fact, question: fact, type: .string, choices: [], decides: decides[p], settlesAlone: alone[p]))
            }
        }
        // Sorted by index, the keys read in place: comparing copies would retain each
        // question's fields at every comparison.
        let order = questions.indices.sorted { i, j in
            let a = questions[i].decides.count, b = questions[j].decides.count
            if a != b { return a > b }
            if questions[i].settlesAlone != questions[j].settlesAlone { return questions[i].settlesAlone > questions[j].settlesAlone }
            let x = met[i] < known ? met[i] : Int.max, y = met[j] < known ? met[j] : Int.max
            return x != y ? x < y : questions[i].fact < questions[j].fact
        }
        return order.map { questions[$0] }
    }
}

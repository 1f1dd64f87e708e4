extension FullEvaluation {
    /// Computes the derived facts from the patient's facts (see `Evaluator.value(of:)`).
    mutating func computeDerivedNow() {
        for index in 0..<rules.derived.count {
            let d = rules.derived[index]
            let slot = Int(d.slot)
            if d.daysSince >= 0 {
                let v = initial[Int(d.daysSince)]
                initial[slot] = v.isKnown ? .integer(Int(Int64(asOf.ordinal) - v.bits)) : .unknown
                continue
            }
            let row = derivedMemory.row(index, initial, day: asOf.ordinal)
            if let row, let known = derivedMemory.value(at: row) {
                initial[slot] = known
                continue
            }
            var result: SlotValue = .unknown
            var decided = false
            for c in Int(d.casesStart)..<Int(d.casesStart + d.casesCount) {
                let k = rules.cases[c]
                switch eval(k.when, true) {
                case .yes: result = program.literals[slot][Int(k.bit)]; decided = true
                case .unknown: decided = true
                case .no: continue
                }
                break
            }
            if !decided, d.otherwiseBit >= 0 { result = program.literals[slot][Int(d.otherwiseBit)] }
            initial[slot] = result
            if let row { derivedMemory.remember(result, at: row) }
        }
    }

    /// Recomputes which values derived facts can take once steps have added values.
    mutating func updateDerivedAdded() {
        for d in rules.derived where d.daysSince < 0 {
            var mask: UInt64 = 0
            var reachedEnd = true
            for c in Int(d.casesStart)..<Int(d.casesStart + d.casesCount) {
                let k = rules.cases[c]
                if eval(k.when, true) == .yes { mask |= 1 << UInt64(k.bit) }
                if eval(k.when, false) != .yes { reachedEnd = false; break }
            }
            if reachedEnd, d.otherwiseBit >= 0 { mask |= 1 << UInt64(d.otherwiseBit) }
            added[Int(d.slot)] = mask
        }
    }

    /// Whether a condition can be made true (`wantTrue`) or false (see `Evaluator.eval`).
    func eval(_ node: Int32, _ wantTrue: Bool) -> Kleene {
        let n = program.nodes[Int(node)]
        switch n.kind {
        case .leaf:
            return evalLeaf(Int(n.first), wantTrue)
        case .not:
            return eval(program.children[Int(n.first)], !wantTrue)
        case .all, .any:
            // all/true and any/false need every child; any/true and all/false need one.
            let needsEvery = (n.kind == .all) == wantTrue
            var result: Kleene = needsEvery ? .yes : .no
            let start = Int(n.first)
            for c in start..<(start + Int(n.count)) {
                let v = eval(program.children[c], wantTrue)
                if needsEvery {
                    if v == .no { return .no }
                    if v == .unknown { result = .unknown }
                } else {
                    if v == .yes { return .yes }
                    if v == .unknown { result = .unknown }
                }
            }
            return result
        }
    }

    @inline(__always)
    func evalLeaf(_ index: Int, _ wantTrue: Bool) -> Kleene {
        let leaf = rules.leaves[index]
        let slot = Int(leaf.slot)
        let value = initial[slot]
        if leaf.kind == .known {
            let canBeKnown = value.isKnown || added[slot] != 0
            return ((leaf.count != 0) == wantTrue ? canBeKnown : !value.isKnown) ? .yes : .no
        }
        if added[slot] & (wantTrue ? leaf.trueMask : leaf.falseMask) != 0 { return .yes }
        guard value.isKnown else { return .unknown }
        return holds(rules.leaves[index], value) == wantTrue ? .yes : .no
    }

    /// How a comparison comes out on the patient's own facts, as two bits of an outcome
    /// key: 0 false, 1 true, 2 unknown.
    @inline(__always)
    func leafCode(_ index: Int) -> UInt64 {
        let leaf = rules.leaves[index]
        let value = initial[Int(leaf.slot)]
        if leaf.kind == .known { return value.isKnown ? 1 : 0 }
        guard value.isKnown else { return 2 }
        return holds(leaf, value) ? 1 : 0
    }

    /// Whether a known value passes comparison `index` on this evaluation date.
    func holds(leaf index: Int, _ value: SlotValue) -> Bool {
        holds(rules.leaves[index], value)
    }

    @inline(__always)
    private func holds(_ leaf: HotLeaf, _ value: SlotValue) -> Bool {
        leaf.holds(value, values: rules.values, ranges: rules.ranges, cutoffs: cutoffValues)
    }
}

extension FullEvaluation: EvaluationState {
    func criteria(of item: Int) -> Int32 { rules.items[item].criteria }
    func isCostly(_ item: Int) -> Bool { rules.items[item].isCostly }
    func prerequisiteCount(of item: Int) -> Int { Int(rules.items[item].requiresCount) }

    func prerequisite(_ k: Int, of item: Int) -> (item: Int, when: Int32) {
        let prerequisite = rules.prerequisites[Int(rules.items[item].requiresStart) + k]
        return (Int(prerequisite.item), prerequisite.when)
    }

    func achievers(ofLeaf leaf: Int, wantTrue: Bool) -> ArraySlice<Int32> {
        let range = rules.achieverRanges[leaf * 2 + (wantTrue ? 0 : 1)]
        return rules.achieverList[Int(range.start)..<Int(range.start + range.count)]
    }
}

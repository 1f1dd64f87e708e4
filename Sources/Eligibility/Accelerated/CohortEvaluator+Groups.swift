extension CohortEvaluator {
    /// Services that share one cache: those whose cones read the same comparisons, then
    /// a group whose comparisons are all read by a larger group's cones joins it (the
    /// larger group's key decides its outcome too), up to `OutcomeCache.maxMembers`
    /// services a group. Services of different countries never share. The first
    /// service of a group has the group's comparisons.
    /// - Parameters:
    ///   - jurisdiction: per service, its country's symbol (-1: none).
    ///   - leaves: per service, the canonical comparisons of its cone.
    static func groups(jurisdiction: [Int64], leaves coneLeaves: [[Int32]], evaluated: [Int]) -> [[Int]] {
        var same: [[Int]] = []
        var open: [String: Int] = [:]
        for s in evaluated {
            let signature = "\(jurisdiction[s])|\(coneLeaves[s])"
            if let g = open[signature], same[g].count < OutcomeCache.maxMembers {
                same[g].append(s)
            } else {
                open[signature] = same.count
                same.append([s])
            }
        }
        // Largest first, so that every group can look for a host among those before it.
        let leaves = same.map { Set(coneLeaves[$0[0]]) }
        let order = same.indices.sorted { (leaves[$0].count, $1) > (leaves[$1].count, $0) }
        var hosts: [Int] = []
        var merged: [Int: [Int]] = [:]
        for g in order {
            let country = jurisdiction[same[g][0]]
            let host = hosts.filter {
                jurisdiction[same[$0][0]] == country && leaves[g].isSubset(of: leaves[$0])
                    && merged[$0, default: same[$0]].count + same[g].count <= OutcomeCache.maxMembers
            }.min { (leaves[$0].count, $0) < (leaves[$1].count, $1) }
            if let host { merged[host, default: same[host]] += same[g] } else { hosts.append(g) }
        }
        return hosts.sorted().map { merged[$0] ?? same[$0] }
    }
}

extension DiffReport {
    /// How many patients one service gains and loses under the proposed rules.
    public struct ServiceChange: Sendable, Hashable {
        public var service: String
        /// Patients who move to eligible or reachable from a worse status.
        public var gained: Int
        /// Patients who move from eligible or reachable to a worse status.
        public var lost: Int
        /// Patients whose status changes at all (also between two statuses of the same rank).
        public var moved: Int
        public var net: Int { gained - lost }
    }

    /// Eligible ranks above reachable, which ranks above every other status (and "not
    /// evaluated"): a move up is a gain, a move down a loss.
    static func rank(_ status: CohortStatus) -> Int {
        switch status {
        case .eligible: return 2
        case .reachable: return 1
        default: return 0
        }
    }

    /// Gains, losses and moves of one service from its transition matrix.
    static func change(_ service: String, _ matrix: TransitionCounts) -> ServiceChange {
        var change = ServiceChange(service: service, gained: 0, lost: 0, moved: 0)
        for from in CohortStatus.allCases {
            for to in CohortStatus.allCases where from != to {
                let n = matrix[from, to]
                change.moved += n
                if rank(to) > rank(from) { change.gained += n }
                if rank(to) < rank(from) { change.lost += n }
            }
        }
        return change
    }

    /// Every service's gains and losses, in the report's service order.
    public var serviceChanges: [ServiceChange] {
        services.indices.map { Self.change(services[$0], transitions[$0]) }
    }

    /// Patients for whom some deadlock cycle appears (vanishes), counted once per cycle.
    public var deadlocksAppear: Int { deadlocks.reduce(0) { $0 + $1.gained } }
    public var deadlocksVanish: Int { deadlocks.reduce(0) { $0 + $1.lost } }

    /// The services to show: those whose status changes for some patient, or all of them.
    public func shownServices(all: Bool) -> [Int] {
        services.indices.filter { all || Self.change(services[$0], transitions[$0]).moved > 0 }
    }
}

extension DiffReport.Group {
    public func serviceChange(_ s: Int, of services: [String]) -> DiffReport.ServiceChange {
        DiffReport.change(services[s], transitions[s])
    }
}

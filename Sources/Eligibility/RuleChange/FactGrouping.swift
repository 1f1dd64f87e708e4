/// How `diff --by` sorts patients into groups: by the value of a yes/no or one-of fact
/// (given or derived), or by age band. A patient whose value is unknown falls in the last
/// group, "unknown". Derived facts are worked out under the rules given (in a diff, the
/// current rules when they have the fact).
public struct FactGrouping: Sendable {
    /// The `--by` name that selects age bands of the `age` fact.
    public static let ageBand = "age_band"
    /// Lower bounds of the age bands: 0-17, 18-24, 25-29, 30-49, 50-66, 67+.
    static let bandStarts: [Int64] = [0, 18, 25, 30, 50, 67]

    enum Key: Sendable {
        /// Group by symbol id: `groupOfSymbol[id]`, or unknown past its end or at -1.
        case symbol(groupOfSymbol: [Int])
        /// false, true.
        case bool
        case ageBand
    }

    public let fact: String
    /// The groups' names, "unknown" last.
    public let names: [String]
    /// The slot the value is read from (an input slot of the vocabulary, or a derived slot of `program`).
    let slot: Int
    let key: Key
    let program: Program
    var isDerived: Bool { slot >= program.inputCount }

    /// - Throws: a failure naming the fact when the rules lack it or it cannot group patients.
    public init(_ fact: String, program: Program) throws(LoadFailure) {
        func failure(_ message: String) -> LoadFailure {
            LoadFailure([Diagnostic(file: "--by", location: nil, message: message)])
        }
        self.fact = fact
        self.program = program
        let name = fact == Self.ageBand ? "age" : fact
        guard let slot = program.slot(name) else {
            let known = program.factNames.filter { program.factTypes[program.slot($0) ?? 0].isGroupable } + [Self.ageBand]
            throw failure("unknown fact '\(fact)'\(Suggestion.hint(for: fact, among: known))")
        }
        self.slot = slot
        switch (fact == Self.ageBand, program.factTypes[slot]) {
        case (true, .integer):
            key = .ageBand
            names = Self.bandStarts.indices.map(Self.bandName) + ["unknown"]
        case (true, let type):
            throw failure("age_band groups by the 'age' fact, which these rules declare as \(type), not integer")
        case (false, .bool):
            key = .bool
            names = ["false", "true", "unknown"]
        case (false, .enumeration(let values)):
            var groupOfSymbol: [Int] = []
            for (g, value) in values.enumerated() {
                let id = Int(program.symbol(value))
                guard id >= 0 else { continue }
                if id >= groupOfSymbol.count { groupOfSymbol += Array(repeating: -1, count: id + 1 - groupOfSymbol.count) }
                groupOfSymbol[id] = g
            }
            key = .symbol(groupOfSymbol: groupOfSymbol)
            names = values + ["unknown"]
        case (false, let type):
            throw failure("'\(fact)' is of type \(type); --by takes a yes/no or one-of fact (given or derived), or age_band")
        }
    }

    /// The same grouping on another program compiled from the same rules, sharing no storage
    /// with `other` (for a worker thread of its own).
    init(copying other: FactGrouping, program: Program) {
        fact = String(decoding: Array(other.fact.utf8), as: UTF8.self)
        names = other.names.map { String(decoding: Array($0.utf8), as: UTF8.self) }
        slot = other.slot
        switch other.key {
        case .symbol(let table): key = .symbol(groupOfSymbol: table.map { $0 })
        case .bool: key = .bool
        case .ageBand: key = .ageBand
        }
        self.program = program
    }

    static func bandName(_ band: Int) -> String {
        band + 1 < bandStarts.count ? "\(bandStarts[band])-\(bandStarts[band + 1] - 1)" : "\(bandStarts[band])+"
    }

    /// The group of a value held in the fact's slot.
    @inline(__always)
    func group(of value: SlotValue) -> Int {
        let unknown = names.count - 1
        switch key {
        case .symbol(let table):
            guard value.tag == .symbol, value.bits >= 0, value.bits < Int64(table.count) else { return unknown }
            let g = table[Int(value.bits)]
            return g < 0 ? unknown : g
        case .bool:
            return value.tag == .bool ? (value.bits != 0 ? 1 : 0) : unknown
        case .ageBand:
            guard value.tag == .integer, value.bits >= 0 else { return unknown }
            var band = 0
            while band + 1 < Self.bandStarts.count && value.bits >= Self.bandStarts[band + 1] { band += 1 }
            return band
        }
    }

    /// The readable form: the group of one decoded patient, derived facts worked out by the
    /// reference evaluator as `check` would.
    public func group(of patient: Patient, asOf day: Day) -> Int {
        var evaluator = Evaluator(program: program)
        evaluator.load(patient, asOf: day)
        evaluator.prepare()
        return group(of: evaluator.initial[slot])
    }
}

extension FactType {
    /// Whether `diff --by` can group patients by a fact of this type.
    var isGroupable: Bool {
        switch self {
        case .bool, .enumeration: return true
        default: return false
        }
    }
}

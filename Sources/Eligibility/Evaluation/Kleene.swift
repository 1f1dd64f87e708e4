/// Three-valued truth (Kleene): false < unknown < true, so `and` is min and `or` is max.
enum Kleene: UInt8, Sendable, Comparable {
    case no = 0, unknown = 1, yes = 2

    static func < (a: Kleene, b: Kleene) -> Bool { a.rawValue < b.rawValue }

    /// `and` of all values: yes when there are none.
    static func all(_ values: some Sequence<Kleene>) -> Kleene { values.min() ?? .yes }

    /// `or` of all values: no when there are none.
    static func any(_ values: some Sequence<Kleene>) -> Kleene { values.max() ?? .no }
}

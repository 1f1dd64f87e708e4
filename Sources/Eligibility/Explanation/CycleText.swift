/// How every output writes a cycle of waiting: its items joined by arrows, back to the first.
public enum CycleText {
    /// `A → B → A` for the cycle `[A, B]`.
    public static func closed(_ cycle: [String]) -> String {
        arrows(cycle + cycle.prefix(1))
    }

    /// Items joined by arrows, as given.
    public static func arrows(_ items: [String]) -> String {
        items.joined(separator: " → ")
    }
}

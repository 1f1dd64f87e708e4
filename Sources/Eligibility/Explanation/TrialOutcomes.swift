/// What a trial run grants (the patient's facts with one fact changed, or with one costly
/// step allowed), kept for one explanation: the services whose ways out try the same change
/// share the run instead of repeating it. Belongs to one evaluation; a copy of an explainer
/// over other facts starts its own.
final class TrialOutcomes {
    struct Key: Hashable {
        /// The fact changed, or -1.
        var slot: Int
        var value: SlotValue
        /// The costly step allowed, or -1.
        var action: Int
    }

    private var granted: [Key: [Bool]] = [:]

    /// Which items the trial grants, run once per key.
    func granted(_ key: Key, run: () -> [Bool]) -> [Bool] {
        if let known = granted[key] { return known }
        let result = run()
        granted[key] = result
        return result
    }
}

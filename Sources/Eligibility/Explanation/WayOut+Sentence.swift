extension WayOut {
    /// The way out in one sentence: who does what (or which fact would change), and what
    /// it costs the patient.
    public var sentence: String {
        var text = kind == .action ? "\(who ?? ""): \(description)" : description
        if let cost { text += " — cost: \(cost)" }
        return text
    }
}

extension WayOut {
    /// The way out in one sentence: who does what (or which fact would change), what it
    /// costs the patient, and why it may not work.
    public var sentence: String {
        var text = kind == .action ? "\(who ?? ""): \(description)" : description
        if let cost { text += " — cost: \(cost)" }
        if let uncertainty { text += " — uncertain: \(uncertainty)" }
        return text
    }
}

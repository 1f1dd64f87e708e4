extension String {
    /// An ISO 8601 UTC time as people read it: `2026-11-30 08:57 UTC`.
    var readableTime: String {
        guard count >= 16, let t = firstIndex(of: "T") else { return self }
        return self[..<t] + " " + self[index(after: t)..<index(t, offsetBy: 6)] + " UTC"
    }
}

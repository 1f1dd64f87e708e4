extension MarkdownReport {
    /// The alerts, before anything else.
    static func alertLines(_ alerts: [Alert]) -> String {
        alerts.map { "> **Alert:** \(cell($0.text))\n\n" }.joined()
    }
}

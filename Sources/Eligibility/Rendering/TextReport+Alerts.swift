extension TextReport {
    /// The alerts, before anything else: one paragraph each, wrapped.
    static func alertLines(_ alerts: [Alert]) -> String {
        alerts.map(alertText).joined()
    }

    /// One alert as text: `ALERT: ` and its words, wrapped in 100 columns.
    static func alertText(_ alert: Alert) -> String {
        Wrapping.block(alert.text, width: width, first: "ALERT: ", indent: 7)
    }
}

extension Alert {
    /// The alert as the text outputs show it: `ALERT: ` and its words, wrapped in 100 columns.
    public var textBlock: String { TextReport.alertText(self) }
}

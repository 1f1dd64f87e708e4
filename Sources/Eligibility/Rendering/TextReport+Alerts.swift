extension TextReport {
    /// The alerts, before anything else: one line each, wrapped.
    static func alertLines(_ alerts: [Alert]) -> String {
        alerts.map { Wrapping.block($0.text, width: width, first: "ALERT: ", indent: 7) }.joined()
    }
}

/// The ways a report can be printed.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// For a GP at a terminal: one line a service, the reason in plain words, details below.
    case text
    /// Contract §4, for scripts.
    case json
    /// For a case manager to paste into an application.
    case markdown
}

extension Report {
    public func rendered(as format: ReportFormat, planOnly: Bool = false) -> String {
        switch format {
        case .json: return JSONReport.render(self, planOnly: planOnly)
        case .text: return planOnly ? TextReport.renderPlan(self) : TextReport.render(self)
        case .markdown: return MarkdownReport.render(self, planOnly: planOnly)
        }
    }
}

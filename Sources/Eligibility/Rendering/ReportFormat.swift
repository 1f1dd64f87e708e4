/// The ways a report can be printed.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// For a GP at a terminal: the bottom line, services by status, questions, notes.
    case text
    /// Contract §4, for scripts.
    case json
    /// For a case manager to paste into an application.
    case markdown
}

extension Report {
    /// The report in a format.
    /// - Parameters:
    ///   - planOnly: only the plan (`eligcheck plan`).
    ///   - verbose: the full trace: every reason with its rule line and source (text, Markdown).
    public func rendered(as format: ReportFormat, planOnly: Bool = false, verbose: Bool = false) -> String {
        switch format {
        case .json: return JSONReport.render(self, planOnly: planOnly)
        case .text:
            if planOnly { return TraceReport.renderPlan(self) }
            return verbose ? TraceReport.render(self) : TextReport.render(self)
        case .markdown:
            if planOnly || verbose { return MarkdownTrace.render(self, planOnly: planOnly) }
            return MarkdownReport.render(self)
        }
    }
}

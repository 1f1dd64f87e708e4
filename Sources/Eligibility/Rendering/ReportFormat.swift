/// The ways a report can be printed.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// For a GP at a terminal: the bottom line, services by status, questions, notes.
    case text
    /// Contract §4, for scripts.
    case json
    /// For a case manager to paste into an application.
    case markdown
    /// One self-contained page of the plan (a report in HTML is its plan).
    case html
}

extension Report {
    /// The report in a format.
    /// - Parameters:
    ///   - planOnly: only the plan (`eligcheck plan`), as a meeting document (without the
    ///     steps after each way out: `Engine.meetingPlan` works those out).
    ///   - verbose: the full trace: every reason with its rule line and source (text, Markdown).
    ///   - style: how text marks alerts (a terminal's colour, or plain).
    public func rendered(as format: ReportFormat, planOnly: Bool = false, verbose: Bool = false,
                         style: TextStyle = .plain) -> String {
        switch format {
        case .json: return JSONReport.render(self, planOnly: planOnly)
        case .text, .markdown, .html:
            if planOnly || format == .html { return MeetingPlan(report: self).rendered(as: format, style: style) }
            if format == .markdown {
                return TerminalText.escapingControls(verbose ? MarkdownTrace.render(self) : MarkdownReport.render(self))
            }
            return verbose ? TraceReport.render(self, style: style) : TextReport.render(self, style: style)
        }
    }
}

extension Report {
    /// The report as JSON (`rendered(as: .json, planOnly:)`), in UTF-8 bytes: what a server
    /// sends, without making a String first.
    public func jsonBytes(planOnly: Bool = false) -> [UInt8] {
        JSONReport.renderBytes(self, planOnly: planOnly)
    }

    /// The same JSON, without its ending line break, in the writer that holds it: a server
    /// copies the writer's pieces straight into the buffer it sends, the only copy.
    package func withJSON<Result>(planOnly: Bool = false, _ body: (borrowing JSONWriter) throws -> Result) rethrows -> Result {
        var w = JSONWriter()
        JSONReport.write(self, planOnly: planOnly, to: &w)
        return try body(w)
    }
}

extension MeetingPlan {
    /// The plan as a meeting document: text, Markdown or one self-contained HTML page;
    /// JSON is the report's plan (contract §4).
    public func rendered(as format: ReportFormat, style: TextStyle = .plain) -> String {
        switch format {
        case .text: return PlanText.render(self, style: style)
        case .markdown: return TerminalText.escapingControls(PlanMarkdown.render(self))
        case .html: return PlanHTML.render(self)
        case .json: return JSONReport.render(report, planOnly: true)
        }
    }
}

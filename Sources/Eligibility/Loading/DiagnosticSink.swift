/// Collects the problems of one file while it is read, so that all of them are reported.
final class DiagnosticSink {
    let source: SourceText
    private(set) var diagnostics: [Diagnostic] = []

    init(source: SourceText) {
        self.source = source
    }

    var file: String { source.name }

    func error(_ message: String, at location: SourceLocation?) {
        diagnostics.append(source.diagnostic(message, at: location))
    }

    func origin(_ location: SourceLocation) -> RuleOrigin {
        RuleOrigin(file: source.name, shownFile: source.shownName, location: location)
    }
}

/// Collects the problems of one file while it is read, so that all of them are reported,
/// up to a budget.
final class DiagnosticSink {
    let source: SourceText
    private(set) var diagnostics: [Diagnostic] = []
    /// Problems found after the budget was spent: counted, never worded.
    private(set) var unreported = 0
    private let limit: Int
    /// The text of the line the last problem was on: the problems on one line share it
    /// (one copy of a 260 KB line, not one per unknown key on it).
    private var lastLine: (number: Int, text: String?)?

    /// - Parameter limit: how many problems are kept and worded; the rest are counted.
    init(source: SourceText, limit: Int = .max) {
        self.source = source
        self.limit = limit
    }

    var file: String { source.name }

    /// - Parameter message: worded only when the problem is kept (a "did you mean" is a
    ///   search of the catalogue; thousands of unknown keys must not cost thousands).
    func error(_ message: @autoclosure () -> String, at location: SourceLocation?) {
        guard diagnostics.count < limit else {
            unreported += 1
            return
        }
        var line: String?
        if let number = location?.line {
            if let lastLine, lastLine.number == number {
                line = lastLine.text
            } else {
                line = source.line(number)
                lastLine = (number, line)
            }
        }
        diagnostics.append(Diagnostic(file: source.name, location: location, message: message(), sourceLine: line))
    }

    /// Every problem kept, and the count of those beyond the budget.
    var failure: LoadFailure { LoadFailure(diagnostics, unreported: unreported) }

    func origin(_ location: SourceLocation) -> RuleOrigin {
        RuleOrigin(file: source.name, shownFile: source.shownName, location: location)
    }
}

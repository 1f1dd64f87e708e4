/// Citations gathered while a document is written, numbered in order of first use, so
/// that the text carries `[3]` and the rule lines and sources follow at the end.
struct Notes {
    /// Each note: the rule line and the sources it cites.
    private(set) var entries: [(rule: String, source: String)] = []
    private var numbers: [String: Int] = [:]

    /// The number of the note for this rule line and source, made on first use.
    mutating func cite(rule: String, source: String) -> Int {
        let key = rule + "\u{0}" + source
        if let n = numbers[key] { return n }
        entries.append((rule, source))
        numbers[key] = entries.count
        return entries.count
    }

    mutating func cite(_ reason: Reason) -> Int { cite(rule: reason.rule, source: reason.source) }

    /// Each note as one paragraph: `rules/dk/gp.yaml:20: source; source`.
    var paragraphs: [(number: Int, text: String)] {
        entries.enumerated().map { ($0.offset + 1, $0.element.source.isEmpty ? $0.element.rule : "\($0.element.rule): \($0.element.source)") }
    }
}

extension CSVCells.Problem {
    /// The byte of the line where the problem is seen.
    var at: Int {
        switch self {
        case .unclosedQuote(let at), .quoteInPlainCell(let at), .textAfterClosingQuote(let at): return at
        }
    }

    /// The problem's 1-based column on the line starting at `lineStart`.
    func column(lineStart: Int = 0) -> Int {
        CSVCells.column(of: at, lineStart: lineStart)
    }

    /// What was expected and what was found.
    var message: String {
        switch self {
        case .unclosedQuote:
            return "a quoted cell is not closed on its line; expected a closing quote before the line ends (a cell may not hold a line break)"
        case .quoteInPlainCell:
            return "a quote inside a cell that does not start with one; expected the whole cell in quotes, with each quote inside doubled (\"say \"\"no\"\"\")"
        case .textAfterClosingQuote:
            return "text after a quoted cell's closing quote; expected a comma or the end of the line (a quote inside a quoted cell is doubled: \"\")"
        }
    }
}

extension CSVCells {
    /// The 1-based column of byte `at` of the line starting at `lineStart`, counted in
    /// bytes as the JSON reader counts a cohort line's columns.
    static func column(of at: Int, lineStart: Int) -> Int { at - lineStart + 1 }

    static let notUTF8 = "the cell is not UTF-8 text; expected the cohort file in UTF-8"
}

extension DiffReport {
    static let gainColour = "#2e7d32"
    static let lossColour = "#c62828"

    /// Net gains and losses per service as an inline SVG bar chart: losses to the left of
    /// the axis in red, gains to the right in green, the net at the end of each row.
    func netChart(_ rows: [ServiceChange]) -> String {
        let rowHeight = 26, labelWidth = 330, barWidth = 220, netWidth = 90
        let width = labelWidth + 2 * barWidth + netWidth
        let height = rowHeight * rows.count + 30
        let largest = max(1, rows.map { max($0.gained, $0.lost) }.max() ?? 1)
        let axis = labelWidth + barWidth
        // Room beside the longest bars for their figures, clear of the service names.
        func length(_ n: Int) -> Int { n == 0 ? 0 : max(2, n * (barWidth - 60) / largest) }
        var out = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"Patients gained and lost per service\">\n"
        out += "<text x=\"\(axis - 8)\" y=\"14\" text-anchor=\"end\" class=\"lost\">lost</text>"
            + "<text x=\"\(axis + 8)\" y=\"14\" class=\"gained\">gained</text>"
            + "<text x=\"\(width - 4)\" y=\"14\" text-anchor=\"end\">net</text>\n"
        for (i, row) in rows.enumerated() {
            let y = 22 + i * rowHeight
            let middle = y + rowHeight / 2 + 4
            out += "<g><title>\(Self.html(title(row.service))): gained \(Self.count(row.gained)), lost \(Self.count(row.lost)), net \(Self.signed(row.net))</title>"
            out += "<text x=\"\(labelWidth - 10)\" y=\"\(middle)\" text-anchor=\"end\">\(Self.html(title(row.service)))</text>"
            let lost = length(row.lost), gained = length(row.gained)
            if lost > 0 {
                out += "<rect x=\"\(axis - lost)\" y=\"\(y + 4)\" width=\"\(lost)\" height=\"\(rowHeight - 8)\" fill=\"\(Self.lossColour)\"/>"
                out += "<text x=\"\(axis - lost - 4)\" y=\"\(middle)\" text-anchor=\"end\" class=\"figure\">-\(Self.count(row.lost))</text>"
            }
            if gained > 0 {
                out += "<rect x=\"\(axis)\" y=\"\(y + 4)\" width=\"\(gained)\" height=\"\(rowHeight - 8)\" fill=\"\(Self.gainColour)\"/>"
                out += "<text x=\"\(axis + gained + 4)\" y=\"\(middle)\" class=\"figure\">+\(Self.count(row.gained))</text>"
            }
            let colour = row.net > 0 ? Self.gainColour : row.net < 0 ? Self.lossColour : "#555555"
            out += "<text x=\"\(width - 4)\" y=\"\(middle)\" text-anchor=\"end\" font-weight=\"bold\" fill=\"\(colour)\">\(Self.signed(row.net))</text></g>\n"
        }
        out += "<line x1=\"\(axis)\" y1=\"20\" x2=\"\(axis)\" y2=\"\(height - 4)\" stroke=\"#333333\"/>\n</svg>\n"
        return out
    }

    /// Text for HTML: &, <, >, " and ' as entities (the plan page's escaping).
    static func html(_ text: String) -> String { PlanHTML.escape(text) }
}

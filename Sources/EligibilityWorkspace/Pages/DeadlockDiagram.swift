import Eligibility
import Foundation

/// A deadlock drawn for the case page and the print view: each item of the cycle as a box
/// headed by its agency, each waiting link as an arrow from the one who waits to the one
/// waited for, labelled with what it waits for, and the ways out listed beside. The
/// numbers are worked out here; the `diagram` template writes the SVG, escaping every text.
/// The picture's `<title>` and `<desc>` hold the same as the text around it.
struct DeadlockDiagram {
    struct Text { var x: Int; var y: Int; var text: String }
    struct Box { var x: Int; var y: Int; var width: Int; var height: Int; var agency: [Text]; var lines: [Text] }
    struct Arrow {
        var path: String
        /// Who waits for whom, and why, in full (the arrow's tooltip).
        var title: String
        var lines: [Text]
    }

    var id: String
    var width: Int
    var height: Int
    var title: String
    var desc: String
    var boxes: [Box]
    var arrows: [Arrow]
    var waysX: Int
    var waysWidth: Int
    var waysHeight: Int
    var waysHeading: Text
    var ways: [Text]
    var waysDetails: [Text]

    static let boxWidth = 200
    static let gap = 170
    static let waysWidth = 280

    /// One waiting link: `from` waits for `to`, for `reasons`.
    struct Link { var from: Int; var to: Int; var label: String; var reasons: [String] }

    /// - Parameters:
    ///   - number: the deadlock's place on the page (1, 2, ...), for the ids.
    ///   - library: the rules, for the agency of each item.
    init(_ deadlock: Deadlock, number: Int, library: RuleLibrary) {
        id = "deadlock-\(number)"
        let n = deadlock.cycle.count
        let agencies = deadlock.cycle.map { item in
            library.service(item)?.agency ?? library.action(item).map { MeetingPlan.who($0.who) } ?? item
        }
        let links = Self.links(deadlock)
        title = "Deadlock: " + CycleText.closed(deadlock.titles)

        // The boxes: the agency in up to two lines, then the item's title in up to four.
        let agencyLines = agencies.map { Self.wrap($0, width: 20, lines: 2) }
        let titleLines = deadlock.titles.map { Self.wrap($0, width: 26, lines: 4) }
        let agencyHeight = 17 * (agencyLines.map(\.count).max() ?? 1)
        let boxHeight = 28 + agencyHeight + 17 * (titleLines.map(\.count).max() ?? 1)
        let labels = links.map { Self.wrap($0.label, width: 30, lines: 4) }

        var boxes: [Box] = []
        var arrows: [Arrow] = []
        let cycleWidth: Int
        var cycleHeight: Int
        func box(_ i: Int, x: Int, y: Int) -> Box {
            Box(x: x, y: y, width: Self.boxWidth, height: boxHeight,
                agency: agencyLines[i].enumerated().map { Text(x: x + Self.boxWidth / 2, y: y + 21 + 17 * $0.offset, text: $0.element) },
                lines: titleLines[i].enumerated().map {
                    Text(x: x + Self.boxWidth / 2, y: y + 26 + agencyHeight + 17 * $0.offset, text: $0.element)
                })
        }
        func arrowTitle(_ link: Link) -> String {
            link.reasons.isEmpty ? "\(deadlock.titles[link.from]) waits for \(deadlock.titles[link.to])."
                : link.reasons.map { $0.hasSuffix(".") ? $0 : $0 + "." }.joined(separator: " ")
        }
        if n == 2 {
            // Side by side: the first waits for the second along the top arc, and back along the bottom one.
            let above = 16 * (labels.first?.count ?? 0)
            let top = 10 + above + 46
            let left = 10, right = 10 + Self.boxWidth + Self.gap
            boxes = [box(0, x: left, y: top), box(1, x: right, y: top)]
            let middle = left + Self.boxWidth + Self.gap / 2
            let upper = top + boxHeight / 3, lower = top + boxHeight * 2 / 3
            let aEnd = left + Self.boxWidth, bStart = right
            for (k, link) in links.enumerated() {
                let forward = link.from == 0
                let path = forward
                    ? "M \(aEnd) \(upper) C \(aEnd + 70) \(top - 44) \(bStart - 70) \(top - 44) \(bStart - 2) \(upper)"
                    : "M \(bStart) \(lower) C \(bStart - 70) \(top + boxHeight + 44) \(aEnd + 70) \(top + boxHeight + 44) \(aEnd + 2) \(lower)"
                let first = forward ? 10 + 12 : top + boxHeight + 46 + 12
                arrows.append(Arrow(path: path, title: arrowTitle(link),
                                    lines: labels[k].enumerated().map { Text(x: middle, y: first + 16 * $0.offset, text: $0.element) }))
            }
            cycleWidth = right + Self.boxWidth + 10
            cycleHeight = top + boxHeight + 46 + 16 * (labels.count > 1 ? labels[1].count : 0) + 10
        } else {
            // Round a circle, each waiting for the next clockwise.
            let radius = n <= 1 ? 0 : 120 + 40 * n
            let cx = 10 + radius + Self.boxWidth / 2 + 60, cy = 10 + radius + boxHeight / 2 + 60
            let centres = (0..<n).map { i -> (Double, Double) in
                let angle = -Double.pi / 2 + 2 * Double.pi * Double(i) / Double(max(n, 1))
                return (Double(cx) + Double(radius) * cos(angle), Double(cy) + Double(radius) * sin(angle))
            }
            boxes = centres.enumerated().map { box($0.offset, x: Int($0.element.0) - Self.boxWidth / 2, y: Int($0.element.1) - boxHeight / 2) }
            for (k, link) in links.enumerated() {
                let (x1, y1) = centres[link.from], (x2, y2) = centres[link.to]
                let path: String
                var mid = (x: Double(cx), y: Double(cy))
                if link.from == link.to {
                    let x = Int(x1) + Self.boxWidth / 2, y = Int(y1)
                    path = "M \(x) \(y - 10) C \(x + 60) \(y - 60) \(x + 60) \(y + 60) \(x + 2) \(y + 10)"
                    mid = (x1 + Double(Self.boxWidth / 2) + 50, y1 - 20)
                } else {
                    let dx = x2 - x1, dy = y2 - y1
                    let half = (w: Double(Self.boxWidth) / 2, h: Double(boxHeight) / 2)
                    let t = min(abs(dx) > 0 ? half.w / abs(dx) : .infinity, abs(dy) > 0 ? half.h / abs(dy) : .infinity)
                    let (sx, sy, ex, ey) = (x1 + dx * t, y1 + dy * t, x2 - dx * (t + 0.01), y2 - dy * (t + 0.01))
                    path = "M \(Int(sx)) \(Int(sy)) L \(Int(ex)) \(Int(ey))"
                    // The label beside the arrow's middle, away from the circle's centre.
                    let (mx, my) = ((x1 + x2) / 2, (y1 + y2) / 2)
                    let (ox, oy) = (mx - Double(cx), my - Double(cy))
                    let length = max((ox * ox + oy * oy).squareRoot(), 1)
                    mid = (mx + ox / length * 30, my + oy / length * 30)
                }
                let first = Int(mid.y) - 16 * (labels[k].count - 1) / 2
                arrows.append(Arrow(path: path, title: arrowTitle(link),
                                    lines: labels[k].enumerated().map { Text(x: Int(mid.x), y: first + 16 * $0.offset, text: $0.element) }))
            }
            cycleWidth = cx * 2
            cycleHeight = cy * 2
        }

        // The ways out, beside.
        waysX = cycleWidth + 14
        waysWidth = Self.waysWidth
        waysHeading = Text(x: waysX + 12, y: 30, text: deadlock.waysOut.isEmpty ? "No way out found" : "Ways out")
        var y = 54
        var ways: [Text] = [], details: [Text] = []
        if deadlock.waysOut.isEmpty {
            for line in Self.wrap("No single step was found that breaks it.", width: 33, lines: 3) {
                ways.append(Text(x: waysX + 12, y: y, text: line))
                y += 17
            }
        }
        for (i, way) in deadlock.waysOut.enumerated() {
            for (j, line) in Self.wrap("\(Self.letter(i)). " + way.sentenceWithoutCost, width: 33, lines: 5).enumerated() {
                ways.append(Text(x: waysX + (j == 0 ? 12 : 28), y: y, text: line))
                y += 17
            }
            for line in Self.wrap("Cost: " + way.costWords, width: 36, lines: 3) {
                details.append(Text(x: waysX + 28, y: y, text: line))
                y += 15
            }
            y += 10
        }
        waysHeight = y
        self.ways = ways
        waysDetails = details
        width = waysX + Self.waysWidth + 10
        height = max(cycleHeight, waysHeight + 10)
        self.boxes = boxes
        self.arrows = arrows

        // The same in words, for those who do not see the picture.
        var words = (0..<n).map { "\(deadlock.titles[$0]) (\(agencies[$0]))" }.joined(separator: " and ") + " wait for each other. "
        words += links.map(arrowTitle).joined(separator: " ")
        words += deadlock.waysOut.isEmpty ? " No single step was found that breaks it."
            : " Ways out: " + deadlock.waysOut.enumerated().map { "\(Self.letter($0.offset)). \($0.element.sentenceWithoutCost) (cost: \($0.element.costWords))" }
                .joined(separator: "; ") + "."
        desc = words
    }

    /// The waiting links in cycle order, each item waiting for the next, with the reasons
    /// the report gives for it (each reason's sentence begins with the item that waits).
    static func links(_ deadlock: Deadlock) -> [Link] {
        let n = deadlock.cycle.count
        var edges = deadlock.edges[...]
        return (0..<n).map { i in
            let from = deadlock.titles[i], to = deadlock.titles[(i + 1) % n]
            var reasons: [String] = []
            var labels: [String] = []
            while let edge = edges.first, edge.text.hasPrefix(from + " needs ") {
                edges = edges.dropFirst()
                reasons.append(edge.text)
                labels.append(label(edge.text.dropFirst(from.count + " needs ".count), waitedFor: to))
            }
            return Link(from: i, to: (i + 1) % n, label: labels.isEmpty ? "waits for it" : labels.joined(separator: "; "),
                        reasons: reasons)
        }
    }

    /// What an arrow says: "needs permanent job: no" for a fact the other would change;
    /// for a service needed first, the rule's reason (its first sentence), else "needs it first".
    static func label(_ rest: Substring, waitedFor to: String) -> String {
        let firstWords = to + " first"
        if rest.hasPrefix(firstWords) {
            let because = rest.dropFirst(firstWords.count).drop { $0 == ":" || $0 == " " }
            guard !because.isEmpty else { return "needs it first" }
            let sentence = because.prefix { $0 != "." }
            return "needs it first: " + sentence.trimmingCharacters(in: .whitespaces)
        }
        if let which = rest.range(of: ", which ") { return "needs " + rest[..<which.lowerBound] }
        return "needs " + (rest.split(separator: ":").first.map(String.init) ?? String(rest))
    }

    static func letter(_ i: Int) -> String { String(UnicodeScalar(UInt8(97 + i % 26))) }

    /// Words in lines of at most `width` characters; at most `lines` lines, the last cut
    /// short with "…" when the text is longer.
    static func wrap(_ text: String, width: Int, lines: Int) -> [String] {
        var result: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty { line = String(word) } else if line.count + 1 + word.count <= width { line += " " + word } else {
                result.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty { result.append(line) }
        result = result.map { $0.count > width ? String($0.prefix(width - 1)) + "…" : $0 }
        guard result.count > lines else { return result }
        var kept = Array(result.prefix(lines))
        var last = kept[lines - 1]
        // Room for the "…": whole words go until it fits.
        while last.count >= width, let space = last.lastIndex(of: " ") { last = String(last[..<space]) }
        kept[lines - 1] = (last.count >= width ? String(last.prefix(width - 1)) : last) + "…"
        return kept
    }
}

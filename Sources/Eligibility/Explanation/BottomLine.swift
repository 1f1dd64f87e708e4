import Foundation

/// What a busy reader needs first, in at most three lines: what the patient can get now,
/// what is within reach, and what blocks them (or, when nothing does, what is still
/// unknown). Every front end shows the same lines. When an acute route applies (acute
/// risk), it comes first and the planned referrals move to a line of their own, after
/// the acute assessment: a GP must not read a planned referral as the thing to do now.
public struct BottomLine: Sendable, Hashable {
    /// One line: a label and its items, most important first.
    public struct Line: Sendable, Hashable {
        public var label: String
        public var items: [String]
    }

    public var lines: [Line]
    /// The labels' column width when these lines are part of a longer bottom line.
    private var fixedLabelWidth: Int? = nil

    /// The bottom line of a report.
    public init(_ report: Report) {
        let byId = Dictionary(report.services.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let open = report.services.filter { !$0.afterAcuteAssessment }
        let now = open.filter { $0.status == .eligible }.map(\.shortTitle)
        let next = open.filter { $0.status == .reachable }.map { s -> String in
            let before = s.plan.filter { $0.id != s.id }.count
            return before == 0 ? s.shortTitle : "\(s.shortTitle) (after \(before) step\(before == 1 ? "" : "s"))"
        }
        var blocks: [String] = []
        for deadlock in report.deadlocks {
            let ways = deadlock.waysOut.isEmpty ? "no way out found"
                : "\(deadlock.waysOut.count) way\(deadlock.waysOut.count == 1 ? "" : "s") out"
                + (deadlock.waysOut.allSatisfy(\.hasKnownCost) ? ", each at a cost" : "")
            blocks.append("deadlock: \(deadlock.agencies.joined(separator: " ↔ ")); \(ways)")
        }
        var waiting: [String: Int] = [:]
        var roots: [String] = []
        for s in report.services where s.status == .blocked {
            let root = s.rootCauseTitle ?? s.rootCause.flatMap { byId[$0]?.shortTitle } ?? s.shortTitle
            if waiting[root] == nil { roots.append(root) }
            waiting[root, default: 0] += 1
        }
        for root in roots {
            let count = waiting[root] ?? 0
            let name = root
            blocks.append("\(count) service\(count == 1 ? " waits" : "s wait") for \(name), not met")
        }
        lines = []
        if let acute = report.acuteRoute { lines.append(Line(label: Self.acuteLabel, items: [acute.headline])) }
        lines.append(Line(label: "Now", items: now.isEmpty ? [report.acuteRoute == nil ? "nothing yet" : "the acute route above"] : now))
        if !next.isEmpty { lines.append(Line(label: "Next", items: next)) }
        let later = report.services.filter { $0.afterAcuteAssessment && ($0.status == .eligible || $0.status == .reachable) }
        if !later.isEmpty {
            // The reason once, before the first: the rest read on from it.
            let titles = later.map(\.shortTitle)
            lines.append(Line(label: "Later", items: ["after the acute assessment: " + titles[0]] + titles.dropFirst()))
        }
        if !blocks.isEmpty {
            lines.append(Line(label: "Blocked", items: blocks))
        } else if let first = report.questions.first {
            let open = report.services.filter { $0.status == .needs_info }.count
            let count = report.questions.count
            lines.append(Line(label: "Unknown", items: [
                "\(open) service\(open == 1 ? " waits" : "s wait") for \(count) answer\(count == 1 ? "" : "s"), first: \(first.question)"]))
        }
    }

    /// The lines as text within `width` columns: as many whole items as fit on a line,
    /// the rest counted (`+2 more`); the first item is always shown whole, wrapped under its
    /// label when it is longer than a line (an alert is never cut off).
    public func rendered(width: Int = 100) -> [String] {
        lines.flatMap { line in
            Wrapping.wrap(Self.fit(line.items, width: width - labelWidth), width: width,
                          first: (line.label + ":").padding(labelWidth), indent: labelWidth)
        }
    }

    /// The lines as text, each ending in a line break; the acute route marked in `style`.
    public func text(width: Int = 100, style: TextStyle = .plain) -> String {
        lines.map { line in
            let text = Wrapping.block(Self.fit(line.items, width: width - labelWidth), width: width,
                                      first: (line.label + ":").padding(labelWidth), indent: labelWidth)
            return line.label == Self.acuteLabel ? style.alert(text) : text
        }.joined()
    }

    static let acuteLabel = "Acute"

    /// The acute route's line as `text` writes it; empty when there is none.
    func acuteText(width: Int = 100) -> String {
        BottomLine(lines: lines.filter { $0.label == Self.acuteLabel }, labelWidth: labelWidth).text(width: width)
    }

    private init(lines: [Line], labelWidth: Int) {
        self.lines = lines
        self.fixedLabelWidth = labelWidth
    }

    /// The width of the labels' column: the longest label and two spaces.
    var labelWidth: Int { fixedLabelWidth ?? (lines.map(\.label.count).max() ?? 0) + 2 }

    /// Items joined by "; ": the first whole, then those that fit within `width` columns
    /// with the count of the others.
    static func fit(_ items: [String], width: Int) -> String {
        var text = ""
        for (i, item) in items.enumerated() {
            let rest = items.count - i - 1
            let candidate = text.isEmpty ? item : text + "; " + item
            let more = rest > 0 ? "; +\(rest) more" : ""
            if text.isEmpty || candidate.count + more.count <= width {
                text = candidate
                continue
            }
            return text + "; +\(items.count - i) more"
        }
        return text
    }
}

extension ServiceOutcome {
    /// The title without a long trailing explanation in brackets: "Talk therapy with the
    /// GP" for "Talk therapy with the GP (paid to the GP only from the second
    /// consultation)"; short brackets ("(SIP)", "(Serviceloven § 82 b)") stay.
    public var shortTitle: String { Self.shortened(title) }

    /// A title without a long trailing explanation in brackets.
    public static func shortened(_ title: String) -> String {
        guard title.hasSuffix(")"), let open = title.lastIndex(of: "(") else { return title }
        let inside = title[title.index(after: open)..<title.index(before: title.endIndex)]
        guard inside.split(separator: " ").count >= 5 else { return title }
        return title[..<open].trimmingCharacters(in: .whitespaces)
    }
}

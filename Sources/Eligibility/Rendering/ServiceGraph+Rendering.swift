extension ServiceGraph {
    static let cycleColour = "#c62828"
    static let legend = "Solid: a prerequisite. Dashed: waits for the effect of another service or step. "
        + "Dotted: a way out that costs the patient. Red: a cycle of waiting, where patients can deadlock."
    static let appearColour = "#2e7d32"
    static let vanishColour = "#6a1b9a"
    static let changeColour = "#e65100"
    static let changeLegend = "Current against proposed rules. Green: new under the proposed rules. "
        + "Purple (a bar at a link's end, \"(gone)\" in a box): gone under the proposed rules. Orange: a link whose conditions changed. Thick red: a link that joins a cycle of waiting "
        + "(a deadlock appears); thick purple: a link that leaves one (a deadlock vanishes). "
        + "Solid: a prerequisite; dashed: waits for an effect; dotted: a way out that costs the patient."

    /// The graph in Graphviz's DOT language: clusters per country, then per agency (or,
    /// for steps, per who takes them); every edge labelled with what the rule asks and its line.
    public var dot: String {
        var out = "digraph services {\n  rankdir=LR;\n  newrank=true;\n  fontname=\"Helvetica\";\n"
        var legend = isChange ? Self.wrap(Self.changeLegend, width: 110).joined(separator: "\n") : Self.legend
        if isChange && nodes.isEmpty { legend = "Current against proposed rules: no service, step or link between them changed." }
        out += "  label=\(Self.dotQuote(legend));\n  labelloc=b;\n  fontsize=11;\n"
        out += "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", fontsize=10];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=8, color=\"#555555\", fontcolor=\"#555555\"];\n"
        for (c, country) in countries.enumerated() {
            out += "  subgraph cluster_\(c) {\n    label=\(Self.dotQuote(Self.countryName(country)));\n"
            out += "    style=\"rounded\";\n    color=\"#90a4ae\";\n"
            for (g, group) in groups(in: country).enumerated() {
                out += "    subgraph cluster_\(c)_\(g) {\n      label=\(Self.dotQuote(group));\n"
                out += "      style=\"rounded,filled\";\n      color=\"#cfd8dc\";\n      fillcolor=\"#f5f7f8\";\n"
                for node in nodes where node.country == country && node.group == group {
                    out += "      \(Self.dotQuote(node.id)) [\(Self.dotAttributes(node))];\n"
                }
                out += "    }\n"
            }
            out += "  }\n"
        }
        for edge in edges {
            let change = Self.changeMarks(edge)
            var attributes = ["label=\(Self.dotQuote((change.words.map { $0 + "\n" } ?? "") + Self.label(edge)))"]
            switch edge.kind {
            case .requires: break
            case .effect: attributes.append("style=dashed")
            case .wayOut:
                attributes.append("style=dotted")
                if change.attributes.isEmpty { attributes += ["color=\"#9e9e9e\"", "fontcolor=\"#9e9e9e\""] }
            }
            if !change.attributes.isEmpty {
                // A change's colour says what changed; a link still on a cycle stays thick.
                attributes += change.attributes
                if edge.inCycle && edge.cycleChange == .same { attributes.append("penwidth=2") }
            } else if edge.inCycle {
                attributes += ["color=\"\(Self.cycleColour)\"", "fontcolor=\"\(Self.cycleColour)\"", "penwidth=2"]
            }
            out += "  \(Self.dotQuote(edge.from)) -> \(Self.dotQuote(edge.to)) [\(attributes.joined(separator: ", "))];\n"
        }
        return out + "}\n"
    }

    /// The graph as a Mermaid flowchart (for Markdown pages that render Mermaid).
    public var mermaid: String {
        var out = "flowchart LR\n"
        for (c, country) in countries.enumerated() {
            out += "  subgraph c\(c)[\"\(Self.mermaidText(Self.countryName(country)))\"]\n"
            for (g, group) in groups(in: country).enumerated() {
                out += "    subgraph c\(c)g\(g)[\"\(Self.mermaidText(group))\"]\n"
                for node in nodes where node.country == country && node.group == group {
                    let text = Self.mermaidText(Self.nodeLines(node).joined(separator: "\n"))
                    out += "      " + Self.mermaidId(node.id) + (node.kind == .action ? "([\"\(text)\"])" : "[\"\(text)\"]") + "\n"
                }
                out += "    end\n"
            }
            out += "  end\n"
        }
        var styles: [String] = []
        for (k, edge) in edges.enumerated() {
            let arrow = edge.kind == .requires ? "-->" : "-.->"
            out += "  \(Self.mermaidId(edge.from)) \(arrow)|\"\(Self.mermaidText(Self.label(edge)))\"| \(Self.mermaidId(edge.to))\n"
            if edge.inCycle {
                styles.append("  linkStyle \(k) stroke:\(cycleColour),stroke-width:2px,color:\(cycleColour)\n")
            } else if edge.kind == .wayOut {
                styles.append("  linkStyle \(k) stroke:#9e9e9e,color:#9e9e9e\n")
            }
        }
        out += styles.joined()
        out += "  classDef action fill:#fff6d5,stroke:#b0a060\n  classDef costly fill:#fde2e2,stroke:#b07070\n"
        for node in nodes where node.kind == .action {
            out += "  class \(Self.mermaidId(node.id)) \(node.cost == nil ? "action" : "costly")\n"
        }
        return out
    }

    private var cycleColour: String { Self.cycleColour }

    /// Countries in the order their first node appears (services of every country last).
    var countries: [String?] {
        var result: [String?] = []
        for node in nodes where !result.contains(node.country) { result.append(node.country) }
        return result.filter { $0 != nil } + result.filter { $0 == nil }
    }

    func groups(in country: String?) -> [String] {
        var result: [String] = []
        for node in nodes where node.country == country && !result.contains(node.group) { result.append(node.group) }
        return result
    }

    static func countryName(_ code: String?) -> String {
        switch code {
        case "DK": return "Denmark (DK)"
        case "SE": return "Sweden (SE)"
        case "NO": return "Norway (NO)"
        case let other?: return other
        case nil: return "Every country"
        }
    }

    static func label(_ edge: Edge) -> String {
        zip(edge.words, edge.rules).map { "\($0)\n\($1)" }.joined(separator: "\n")
    }

    static func nodeLines(_ node: Node) -> [String] {
        var lines = wrap(node.title, width: 34) + [node.id]
        if let cost = node.cost { lines += wrap("costs: " + firstSentence(cost), width: 34) }
        return lines
    }

    private static func dotAttributes(_ node: Node) -> String {
        var lines = nodeLines(node)
        switch node.change {
        case .same, .changed: break
        case .appears: lines.append("(new)")
        case .vanishes: lines.append("(gone)")
        }
        var attributes = ["label=\(dotQuote(lines.joined(separator: "\n")))"]
        if node.kind == .action {
            attributes.append("fillcolor=\(node.cost == nil ? "\"#fff6d5\"" : "\"#fde2e2\"")")
        }
        switch node.change {
        case .same, .changed: break
        case .appears: attributes += ["color=\"\(appearColour)\"", "penwidth=2"]
        case .vanishes: attributes += ["color=\"\(vanishColour)\"", "fontcolor=\"\(vanishColour)\"", "style=\"rounded,dashed\""]
        }
        return attributes.joined(separator: ", ")
    }

    /// How a link of a change picture is drawn: its colour says new or gone, its width a
    /// cycle joined or left, and the words above its label say it too; nothing for a link
    /// that did not change.
    static func changeMarks(_ edge: Edge) -> (words: String?, attributes: [String]) {
        var words: [String] = []
        var colour: String?
        var extra: [String] = []
        switch edge.change {
        case .same: break
        case .appears: words.append("new"); colour = appearColour
        case .vanishes: words.append("gone"); colour = vanishColour; extra.append("arrowhead=tee")
        case .changed: words.append("changed; was: " + edge.was.joined(separator: "; ")); colour = changeColour
        }
        // Joining or leaving a cycle is the larger news: its colour wins.
        switch edge.cycleChange {
        case .same, .changed: break
        case .appears: words.append("joins a cycle: a deadlock appears"); colour = cycleColour; extra.append("penwidth=3")
        case .vanishes: words.append("leaves a cycle: a deadlock vanishes"); colour = vanishColour; extra.append("penwidth=3")
        }
        guard let colour else { return (nil, []) }
        return (words.joined(separator: "; "), ["color=\"\(colour)\"", "fontcolor=\"\(colour)\""] + extra)
    }

    /// Up to the first full stop followed by a space (a cost's gist; the rest is in the rules).
    static func firstSentence(_ text: String) -> String {
        guard let stop = text.firstRange(of: ". ") else { return text }
        return String(text[..<stop.lowerBound]) + "."
    }

    /// Words into lines of at most `width` characters (a longer word gets a line of its own).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// A DOT string literal: quotes and backslashes escaped, new lines as `\n` (centred lines).
    static func dotQuote(_ text: String) -> String {
        var out = "\""
        for ch in text {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out + "\""
    }

    static func mermaidId(_ id: String) -> String {
        "n_" + String(id.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    /// Text inside a quoted Mermaid label: quotes as entities, new lines as `<br/>`.
    static func mermaidText(_ text: String) -> String {
        text.replacingAll("\"", with: "#quot;").replacingAll("\n", with: "<br/>")
    }

    /// A condition in words: comparisons joined by "and"/"or", `not (...)` around negations.
    static func words(_ condition: Condition) -> String {
        switch condition {
        case .compare(let comparison, _): return ConditionWording.describe(comparison, wantTrue: true)
        case .not(let part, _): return "not (\(words(part)))"
        case .all(let parts, _): return parts.map { words($0) }.joined(separator: " and ")
        case .any(let parts, _): return "(" + parts.map { words($0) }.joined(separator: " or ") + ")"
        }
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
        return out
    }
}

extension DiffReport {
    static let style = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:24px auto;max-width:1150px;color:#1d2327;line-height:1.4}
    h1{font-size:1.5em;margin-bottom:4px}h2{font-size:1.2em;margin-top:32px;border-bottom:1px solid #cfd8dc;padding-bottom:4px}
    h3{font-size:1em;margin:20px 0 6px}.meta{color:#546e7a;margin:0}.meta code{color:#1d2327}
    .headline{background:#f5f7f8;border:1px solid #cfd8dc;border-radius:8px;padding:12px 18px;margin-top:16px}
    .headline .big{font-size:1.35em;font-weight:600;margin:4px 0}
    table{border-collapse:collapse;margin:6px 0 10px;font-size:.9em}th,td{border:1px solid #dde3e6;padding:3px 8px;text-align:right}
    th{background:#eceff1;font-weight:600}td.name,th.name{text-align:left}td.zero{color:#b0bec5}td.same{background:#f5f7f8}
    .gained{fill:#2e7d32;color:#2e7d32}.lost{fill:#c62828;color:#c62828}.chart{font-size:12px;max-width:100%;height:auto}
    .chart text{font-family:inherit}.figure{fill:#37474f}.examples{color:#546e7a;font-size:.85em;margin:0 0 6px}
    code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em}
    .change-graph{margin:8px 0;overflow-x:auto}.change-graph svg{max-width:100%;height:auto}
    .change-graph figcaption{color:#546e7a;font-size:.85em}
    """

    /// One self-contained page (styles and chart inline, nothing fetched): the headline, a
    /// bar chart of net gains and losses per service, the transition tables with example
    /// ids, deadlocks and the breakdowns.
    /// - Parameter picture: an HTML fragment (the change graph) shown under the headline; nil: none.
    public func html(base: String, proposed: String, all: Bool = false, picture: String? = nil) -> String {
        let changes = serviceChanges
        let moving = changes.filter { $0.moved > 0 }
            .sorted { (abs($0.net), $0.gained + $0.lost, $1.service) > (abs($1.net), $1.gained + $1.lost, $0.service) }
        let shown = shownServices(all: all)
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>Rule change over \(Self.html(file))</title>\n<style>\n\(Self.style)</style>\n</head>\n<body>\n"
        out += "<h1>Rule change over <code>\(Self.html(file))</code></h1>\n"
        out += "<p class=\"meta\">current: <code>\(Self.html(base))</code>\(Self.html(dated(currentAsOf))) · proposed: <code>\(Self.html(proposed))</code>\(Self.html(dated(proposedAsOf)))</p>\n"
        out += "<p class=\"meta\">lines read \(Self.count(linesRead)) · evaluated \(Self.count(evaluated)) · rejected \(Self.count(rejected))</p>\n"
        out += "<section class=\"headline\">\n<p class=\"big\">\(Self.html(headlineSentence))</p>\n"
        out += "<ul class=\"people\">" + peopleLines.map { "<li>\(Self.html($0))</li>" }.joined() + "</ul>\n"
        out += "<p>Deadlocks appear for \(Self.count(deadlocksAppear)) and vanish for \(Self.count(deadlocksVanish)) patient-cycles.</p>\n</section>\n"
        if let picture { out += "<h2>Who waits for whom: what the change does</h2>\n" + picture }
        if moving.isEmpty {
            out += "<p>No patient changes status for any service.</p>\n"
        } else {
            out += "<h2>Gained and lost per service</h2>\n<p class=\"meta\">Gained: a move to eligible or reachable from a worse status; lost: the reverse.</p>\n"
            out += netChart(moving)
            out += "<table>\n<tr><th class=\"name\">service</th><th>gained</th><th>lost</th><th>net</th><th>status changes</th></tr>\n"
            for row in moving {
                out += "<tr><td class=\"name\">\(Self.html(title(row.service)))</td><td class=\"gained\">+\(Self.count(row.gained))</td>"
                    + "<td class=\"lost\">-\(Self.count(row.lost))</td><td>\(Self.signed(row.net))</td><td>\(Self.count(row.moved))</td></tr>\n"
            }
            out += "</table>\n"
        }
        if !shown.isEmpty {
            out += "<h2>Transitions" + (all ? "" : " of the services that change") + "</h2>\n"
            out += "<p class=\"meta\">Rows: status under the current rules; columns: under the proposed rules.</p>\n"
            for s in shown { out += transitionTable(s) }
        }
        if !deadlocks.isEmpty {
            out += "<h2>Deadlocks</h2>\n<table>\n<tr><th class=\"name\">cycle</th><th>current</th><th>proposed</th><th>appear</th><th>vanish</th></tr>\n"
            for d in deadlocks {
                out += "<tr><td class=\"name\">\(Self.html(cycleTitles(d)))</td><td>\(Self.count(d.base))</td><td>\(Self.count(d.proposed))</td>"
                    + "<td>\(Self.count(d.gained))</td><td>\(Self.count(d.lost))</td></tr>\n"
            }
            out += "</table>\n"
        }
        for breakdown in breakdowns { out += html(breakdown, shown: shown) }
        if !badLines.isEmpty {
            out += "<h2>Rejected lines</h2>\n<ul>\n"
            for bad in badLines.prefix(Self.rejectedShown) {
                out += "<li><code>\(Self.html("\(file):\(bad.line):\(bad.column)"))</code>: \(Self.html(bad.message))</li>\n"
            }
            if rejected > Self.rejectedShown {
                out += "<li>… \(Self.count(rejected - Self.rejectedShown)) more (all of them with --rejected FILE)</li>\n"
            }
            out += "</ul>\n"
        }
        return out + "</body>\n</html>\n"
    }

    /// One service's 7 × 7 table of transitions, with example ids of each change below.
    private func transitionTable(_ s: Int) -> String {
        let matrix = transitions[s]
        var out = "<h3>\(Self.html(title(services[s])))</h3>\n<table>\n<tr><th class=\"name\">current \\ proposed</th>"
        for column in CohortStatus.allCases { out += "<th>\(Self.html(column.name))</th>" }
        out += "</tr>\n"
        for from in CohortStatus.allCases where CohortStatus.allCases.contains(where: { matrix[from, $0] > 0 }) {
            out += "<tr><th class=\"name\">\(Self.html(from.name))</th>"
            for to in CohortStatus.allCases {
                let n = matrix[from, to]
                let kind = from == to ? "same" : n == 0 ? "zero" : Self.rank(to) > Self.rank(from) ? "gained" : Self.rank(to) < Self.rank(from) ? "lost" : ""
                out += "<td" + (kind.isEmpty ? "" : " class=\"\(kind)\"") + ">\(Self.count(n))</td>"
            }
            out += "</tr>\n"
        }
        out += "</table>\n"
        var lines: [String] = []
        for from in CohortStatus.allCases {
            for to in CohortStatus.allCases where from != to && matrix[from, to] > 0 {
                let ids = examples[Transition(service: services[s], from: from, to: to)] ?? []
                if !ids.isEmpty {
                    lines.append("\(from.name) → \(to.name): e.g. " + ids.map { "<code>\(Self.html($0))</code>" }.joined(separator: ", "))
                }
            }
        }
        if !lines.isEmpty { out += "<p class=\"examples\">" + lines.joined(separator: "<br>") + "</p>\n" }
        return out
    }

    /// One `--by` breakdown: a row per group, then gains and losses of each shown service by group.
    private func html(_ breakdown: Breakdown, shown: [Int]) -> String {
        var out = "<h2>By <code>\(Self.html(breakdown.fact))</code></h2>\n<table>\n"
        out += "<tr><th class=\"name\">group</th><th>patients</th><th>changed</th><th>gained</th><th>lost</th><th>deadlocks appear</th><th>deadlocks vanish</th></tr>\n"
        for group in breakdown.groups {
            let figures = services.indices.map { group.serviceChange($0, of: services) }
            out += "<tr><td class=\"name\">\(Self.html(group.name))</td><td>\(Self.count(group.patients))</td><td>\(Self.count(group.patientsChanged))</td>"
                + "<td class=\"gained\">+\(Self.count(figures.reduce(0) { $0 + $1.gained }))</td><td class=\"lost\">-\(Self.count(figures.reduce(0) { $0 + $1.lost }))</td>"
                + "<td>\(Self.count(group.deadlocksAppear))</td><td>\(Self.count(group.deadlocksVanish))</td></tr>\n"
        }
        out += "</table>\n"
        guard !shown.isEmpty else { return out }
        out += "<p class=\"meta\">Gained and lost per service, by group:</p>\n<table>\n<tr><th class=\"name\">group</th>"
        for s in shown { out += "<th>\(Self.html(title(services[s])))</th>" }
        out += "</tr>\n"
        for group in breakdown.groups {
            out += "<tr><td class=\"name\">\(Self.html(group.name))</td>"
            for s in shown {
                let change = group.serviceChange(s, of: services)
                out += change.gained == 0 && change.lost == 0 ? "<td class=\"zero\">0</td>"
                    : "<td><span class=\"gained\">+\(Self.count(change.gained))</span> <span class=\"lost\">-\(Self.count(change.lost))</span></td>"
            }
            out += "</tr>\n"
        }
        return out + "</table>\n"
    }
}

import Eligibility

/// A report laid out for the pages: the bottom line, the open questions first, the
/// services grouped by status, the plan, and the deadlocks with their ways out.
struct ResultView {
    struct Line { var label: String; var items: String }
    struct Question { var fact: String; var anchor: String; var question: String; var decides: String }
    struct EvidenceItem { var isQuote: Bool; var source: String; var text: String; var unverified: String? }
    struct ReasonItem { var text: String; var rule: String; var source: String; var seen: String?; var evidence: [EvidenceItem] }
    struct ServiceItem {
        var id: String, title: String, agency: String, status: String, statusWord: String, summary: String
        /// A planned referral while the acute route applies.
        var afterAcute: Bool
        var reasons: [ReasonItem]
        var hasReasons: Bool
    }
    struct StatusGroup { var status: String; var heading: String; var count: Int; var services: [ServiceItem] }
    struct StepItem { var step: Int; var does: String; var who: String; var deadline: String?; var documents: String
        var hasDocuments: Bool; var enables: String? }
    struct WayItem { var description: String; var who: String?; var cost: String?; var uncertainty: String? }
    /// Services open to the patient that meet the same need: one is enough.
    struct ChoiceItem { var need: String; var heading: String; var services: String; var meaning = Alternatives.meaning }
    struct GapService { var id: String; var title: String; var status: String; var why: String }
    struct GapItem { var need: String; var title: String; var explanation: String; var services: [GapService] }
    struct DeadlockItem { var cycle: String; var explanation: String; var edges: [ReasonItem]; var waysOut: [WayItem]
        var hasWaysOut: Bool; var diagram: DeadlockDiagram? }

    /// What must be seen before anything else (acute risk), in the rules' words.
    var alerts: [String]
    var hasAlerts: Bool
    var asOf: String
    var rulesVersion: String
    /// The same lines as the CLI's bottom line: what the patient can get now, next, and what blocks them.
    var bottomLine: [Line]
    var questions: [Question]
    var hasQuestions: Bool
    var statusGroups: [StatusGroup]
    var plan: [StepItem]
    var hasPlan: Bool
    var choices: [ChoiceItem]
    var deadlocks: [DeadlockItem]
    var hasDeadlocks: Bool
    /// The needs that fall between services: every service meeting them fails the patient.
    var gaps: [GapItem]
    var hasGaps: Bool

    /// Statuses in the order a case manager reads them, with their headings.
    static let order: [(Status, String, String)] = Status.reading.map { ($0, $0.heading, $0.rawValue.replacingOccurrences(of: "_", with: " ")) }

    /// - Parameter library: the rules, for the deadlocks' diagrams (none without them).
    init(_ report: Report, catalog: FactCatalog, library: RuleLibrary? = nil) {
        alerts = report.alerts.map(\.text)
        hasAlerts = !alerts.isEmpty
        asOf = report.asOf.description
        rulesVersion = report.rulesVersion
        let titles = Dictionary(report.services.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        statusGroups = Self.order.compactMap { status, heading, word in
            let services = report.services.filter { $0.status == status }.map { s in
                ServiceItem(id: s.id, title: s.title, agency: s.agency, status: status.rawValue, statusWord: word,
                            summary: s.summary, afterAcute: s.afterAcuteAssessment, reasons: s.reasons.map(Self.reason), hasReasons: !s.reasons.isEmpty)
            }
            return services.isEmpty ? nil : StatusGroup(status: status.rawValue, heading: heading, count: services.count,
                                                        services: services)
        }
        bottomLine = BottomLine(report).lines.map { Line(label: $0.label, items: $0.items.joined(separator: "; ")) }
        questions = report.questions.map { q in
            Question(fact: q.fact, anchor: FactForm.anchor(q.fact), question: q.question,
                     decides: q.decides.map { titles[$0] ?? $0 }.joined(separator: "; "))
        }
        if report.jurisdiction == nil, let country = catalog["jurisdiction"] {
            // Each country's rules apply to its own patients only (the CLI refuses such a
            // file): the country is the first question, and it decides every service.
            questions.insert(Question(fact: country.name, anchor: FactForm.anchor(country.name),
                                      question: country.question ?? country.description ?? country.name,
                                      decides: "which country's services apply"), at: 0)
        }
        hasQuestions = !questions.isEmpty
        plan = report.plan.map { step in
            StepItem(step: step.step, does: step.does, who: step.who, deadline: step.deadline,
                     documents: step.documents.joined(separator: "; "), hasDocuments: !step.documents.isEmpty,
                     enables: step.enables.isEmpty ? nil : step.enables.map { titles[$0] ?? $0 }.joined(separator: ", "))
        }
        hasPlan = !plan.isEmpty
        choices = report.alternatives.map { a in
            ChoiceItem(need: a.need, heading: Alternatives.heading(need: a.title),
                       services: a.services.map { titles[$0] ?? $0 }.joined(separator: " or "))
        }
        deadlocks = report.deadlocks.enumerated().map { number, d in
            let ways = d.waysOut.map { WayItem(description: $0.description, who: $0.who, cost: $0.costWords, uncertainty: $0.uncertainty) }
            return DeadlockItem(cycle: CycleText.closed(d.titles),
                                explanation: d.explanation, edges: d.edges.map(Self.reason), waysOut: ways,
                                hasWaysOut: !ways.isEmpty,
                                diagram: library.map { DeadlockDiagram(d, number: number + 1, library: $0) })
        }
        hasDeadlocks = !deadlocks.isEmpty
        gaps = report.gaps.map { g in
            GapItem(need: g.need, title: g.title, explanation: g.explanation, services: g.services.map { s in
                GapService(id: s.id, title: titles[s.id] ?? s.id, status: s.status.rawValue, why: s.why)
            })
        }
        hasGaps = !gaps.isEmpty
    }

    static func reason(_ r: Reason) -> ReasonItem {
        ReasonItem(text: r.text, rule: r.rule, source: r.source, seen: r.seen, evidence: r.evidence.map { e in
            EvidenceItem(isQuote: e.kind == .quote, source: e.source, text: e.text,
                         unverified: e.verified ? nil : (e.note ?? "not confirmed"))
        })
    }
}

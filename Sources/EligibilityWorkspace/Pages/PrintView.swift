import Eligibility

/// The print view is the meeting plan as `eligcheck plan --format html` writes it, with
/// two things of the workspace's own: each urgent step once, and each deadlock drawn.
enum PrintView {
    /// Each urgent step once: a step on the way to two goals (registering as a job seeker,
    /// for job support and for financial aid) is urgent once, naming both.
    static func onceEach(_ urgent: [MeetingPlan.Urgent]) -> [MeetingPlan.Urgent] {
        var result: [MeetingPlan.Urgent] = []
        for item in urgent {
            if let i = result.firstIndex(where: { $0.step.id == item.step.id }) {
                if !result[i].context.contains(item.context) { result[i].context += "; " + item.context }
            } else {
                result.append(item)
            }
        }
        return result
    }

    /// The plan's page with each deadlock's diagram under the deadlock's heading (the
    /// plan's deadlocks are the report's, in its order).
    static func withDiagrams(_ html: String, plan: MeetingPlan, library: RuleLibrary, renderer: PageRenderer) -> String {
        let marker = "<section class=\"deadlock\">\n<h2>"
        var out = ""
        var rest = html[...]
        var number = 0
        while let start = rest.range(of: marker), let end = rest[start.upperBound...].range(of: "</h2>\n"),
              number < plan.stalemates.count {
            out += rest[..<end.upperBound]
            let diagram = DeadlockDiagram(plan.stalemates[number].deadlock, number: number + 1, library: library)
            out += "<figure class=\"diagram\">" + renderer.render(.diagram, diagram) + "</figure>\n"
            rest = rest[end.upperBound...]
            number += 1
        }
        return out + rest
    }
}

import Eligibility
import Foundation

/// What every draft Task of one response shares: the patient it is for, the user who
/// would request it, and when it is authored.
struct TaskContext: Sendable {
    /// `context.patientId`: `Task.for` is `Patient/{id}`.
    var patientId: String
    /// `context.userId`, when it can request a Task.
    var requester: FHIRReference? = nil
    /// `Task.authoredOn`: when the cards were made, as a FHIR dateTime (UTC, seconds).
    var authoredOn: String

    init(patientId: String, requester: FHIRReference? = nil, now: Date) {
        self.patientId = patientId
        self.requester = requester
        authoredOn = now.formatted(Date.ISO8601FormatStyle())
    }
}

extension Card {
    /// The card as CDS Hooks 2.0 JSON. Suggestions create a draft Task for the patient
    /// (FHIR R4: `status` draft, `intent` proposal, the step's `code`, `description`,
    /// `focus` the order it serves, `for`, `authoredOn`, `requester` the user, `owner`
    /// whose step it is), which the GP accepts or not.
    func write(to w: inout JSONWriter, tasks: TaskContext, ids: inout CardIds.Sequence) {
        w.object { w in
            w.key("uuid"); w.string(ids.next())
            w.key("summary"); w.string(summary)
            w.key("indicator"); w.string(indicator.rawValue)
            w.key("detail"); w.string(detail)
            w.key("source"); w.object { w in
                w.key("label"); w.string(source)
            }
            if !suggestions.isEmpty {
                w.key("suggestions"); w.array { w in
                    for s in suggestions {
                        w.object { w in
                            w.key("label"); w.string(s.label)
                            w.key("uuid"); w.string(ids.next())
                            w.key("isRecommended"); w.bool(s.isRecommended)
                            w.key("actions"); w.array { w in
                                w.object { w in
                                    w.key("type"); w.string("create")
                                    w.key("description"); w.string(s.label)
                                    w.key("resource"); s.writeTask(to: &w, tasks)
                                }
                            }
                        }
                    }
                }
                w.key("selectionBehavior"); w.string("any")
            }
            w.key("overrideReasons"); w.array { w in
                for reason in Self.overrideReasons {
                    w.object { w in
                        w.key("system"); w.string(Self.overrideReasonSystem)
                        w.key("code"); w.string(reason.code)
                        w.key("display"); w.string(reason.display)
                    }
                }
            }
        }
    }

    /// A CDS Hooks response: `{"cards": [...]}`, as the UTF-8 bytes sent.
    static func response(_ cards: [Card], tasks: TaskContext, ids kind: CardIds) -> [UInt8] {
        var w = JSONWriter()
        var ids = CardIds.Sequence(kind)
        w.object { w in
            w.key("cards"); w.array { w in for card in cards { card.write(to: &w, tasks: tasks, ids: &ids) } }
        }
        return w.utf8Line
    }
}

extension Card.Suggestion {
    /// The draft FHIR R4 Task the suggestion creates.
    func writeTask(to w: inout JSONWriter, _ tasks: TaskContext) {
        w.object { w in
            w.key("resourceType"); w.string("Task")
            w.key("status"); w.string("draft")
            w.key("intent"); w.string("proposal")
            w.key("code"); w.object { w in
                if !action.isEmpty {
                    w.key("coding"); w.array { w in
                        w.object { w in
                            w.key("system"); w.string(Card.actionSystem)
                            w.key("code"); w.string(action)
                        }
                    }
                }
                w.key("text"); w.string(label)
            }
            w.key("description"); w.string(task)
            if let focus {
                w.key("focus"); FHIRReference(reference: focus, display: nil).write(to: &w)
            }
            w.key("for"); FHIRReference(reference: "Patient/\(tasks.patientId)", display: nil).write(to: &w)
            w.key("authoredOn"); w.string(tasks.authoredOn)
            if let requester = tasks.requester {
                w.key("requester"); requester.write(to: &w)
            }
            if let owner {
                w.key("owner"); owner.write(to: &w)
            }
        }
    }
}

extension FHIRReference {
    func write(to w: inout JSONWriter) {
        w.object { w in
            if let reference { w.key("reference"); w.string(reference) }
            if let display { w.key("display"); w.string(display) }
        }
    }
}

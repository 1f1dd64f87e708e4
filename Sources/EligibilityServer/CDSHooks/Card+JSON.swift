import Eligibility

extension Card {
    /// The card as CDS Hooks 2.0 JSON. Suggestions create a draft Task for the patient
    /// (`Task.status` draft, `intent` proposal), which the GP accepts or not.
    func write(to w: inout JSONWriter, patientId: String, ids: inout CardIds.Sequence) {
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
                                    w.key("resource"); w.object { w in
                                        w.key("resourceType"); w.string("Task")
                                        w.key("status"); w.string("draft")
                                        w.key("intent"); w.string("proposal")
                                        w.key("description"); w.string(s.task)
                                        w.key("for"); w.object { w in
                                            w.key("reference"); w.string("Patient/\(patientId)")
                                        }
                                    }
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
    static func response(_ cards: [Card], patientId: String, ids kind: CardIds) -> [UInt8] {
        var w = JSONWriter()
        var ids = CardIds.Sequence(kind)
        w.object { w in
            w.key("cards"); w.array { w in for card in cards { card.write(to: &w, patientId: patientId, ids: &ids) } }
        }
        return w.utf8Line
    }
}

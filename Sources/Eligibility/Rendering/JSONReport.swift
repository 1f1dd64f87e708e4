/// A report as JSON (contract §4), keys in a fixed order.
enum JSONReport {
    static func render(_ report: Report, planOnly: Bool = false) -> String {
        String(decoding: renderBytes(report, planOnly: planOnly), as: UTF8.self)
    }

    /// The same JSON as `render`, as UTF-8 bytes.
    static func renderBytes(_ report: Report, planOnly: Bool = false) -> [UInt8] {
        report.withJSON(planOnly: planOnly) { $0.utf8Line }
    }

    /// Writes the report's JSON document (without the line break that ends it) to `w`.
    static func write(_ report: Report, planOnly: Bool, to w: inout JSONWriter) {
        w.object { w in
            w.key("patient"); w.string(report.patient)
            w.key("as_of"); w.string(report.asOf.description)
            w.key("jurisdiction"); w.optional(report.jurisdiction)
            w.key("rules"); w.object { w in
                w.key("version"); w.string(report.rulesVersion)
                w.key("files"); w.strings(report.files)
            }
            w.key("alerts"); w.array { w in for a in report.alerts { alert(a, &w) } }
            if !planOnly {
                w.key("services")
                // Through the buffer: each outcome is lent, where iterating the array copied it whole.
                w.array { w in report.services.withUnsafeBufferPointer { for s in $0.indices { service($0[s], &w) } } }
                w.key("deadlocks"); w.array { w in for d in report.deadlocks { deadlock(d, &w) } }
                w.key("gaps"); w.array { w in for g in report.gaps { gap(g, &w) } }
            }
            w.key("questions"); w.array { w in for q in report.questions { question(q, &w) } }
            w.key("alternatives"); w.array { w in for a in report.alternatives { alternatives(a, &w) } }
            w.key("plan"); w.array { w in for step in report.plan { self.step(step, &w) } }
        }
    }

    static func service(_ s: ServiceOutcome, _ w: inout JSONWriter) {
        w.object { w in
            w.key("id"); w.string(s.id)
            w.key("title"); w.string(s.title)
            w.key("status"); w.string(s.status.rawValue)
            w.key("agency"); w.string(s.agency)
            w.key("summary"); w.string(s.summary)
            w.key("reasons"); w.array { w in for r in s.reasons { reason(r, &w) } }
            w.key("missing_facts"); w.strings(s.missingFacts)
            w.key("blocked_by"); w.strings(s.blockedBy)
            w.key("root_cause"); w.optional(s.rootCause)
            w.key("cycle"); w.strings(s.cycle)
            w.key("ways_out"); w.array { w in for way in s.waysOut { self.way(way, &w) } }
            w.key("plan"); w.array { w in for step in s.plan { self.step(step, &w) } }
            w.key("deadline"); w.optional(s.deadline)
            w.key("documents"); w.strings(s.documents)
            if s.afterAcuteAssessment { w.key("after_acute_assessment"); w.bool(true) }
        }
    }

    static func reason(_ r: Reason, _ w: inout JSONWriter) {
        w.object { w in
            w.key("rule"); w.string(r.rule)
            w.key("text"); w.string(r.text)
            w.key("source"); w.string(r.source)
            if let c = r.condition { w.key("condition"); w.string(c) }
            if let seen = r.seen { w.key("seen"); w.string(seen) }
            if let because = r.because, because != r.text { w.key("because"); w.string(because) }
            if !r.evidence.isEmpty { w.key("evidence"); evidence(r.evidence, &w) }
        }
    }

    static func way(_ way: WayOut, _ w: inout JSONWriter) {
        w.object { w in
            w.key("kind"); w.string(way.kind.rawValue)
            w.key("id"); w.string(way.id)
            w.key("value"); w.optional(way.value)
            w.key("description"); w.string(way.description)
            w.key("who"); w.optional(way.who)
            w.key("cost"); w.optional(way.cost)
            w.key("uncertainty"); w.optional(way.uncertainty)
        }
    }

    static func deadlock(_ d: Deadlock, _ w: inout JSONWriter) {
        w.object { w in
            w.key("cycle"); w.strings(d.cycle)
            w.key("agencies"); w.strings(d.agencies)
            w.key("explanation"); w.string(d.explanation)
            w.key("edges"); w.array { w in for r in d.edges { reason(r, &w) } }
            // Contract §4: the ways out of a deadlock are sentences (details per service).
            w.key("ways_out"); w.strings(d.waysOut.map(\.sentence))
        }
    }

    static func question(_ q: Question, _ w: inout JSONWriter) {
        w.object { w in
            w.key("fact"); w.string(q.fact)
            w.key("question"); w.string(q.question)
            w.key("type"); w.string(q.type.name)
            w.key("choices"); w.array { w in
                for choice in q.choices {
                    w.object { w in
                        w.key("value"); w.string(choice.value)
                        w.key("label"); w.string(choice.label)
                    }
                }
            }
            w.key("decides"); w.strings(q.decides)
        }
    }

    static func step(_ s: PlanStep, _ w: inout JSONWriter) {
        w.object { w in
            w.key("step"); w.number(s.step)
            w.key("id"); w.string(s.id)
            w.key("do"); w.string(s.does)
            w.key("who"); w.string(s.who)
            w.key("enables"); w.strings(s.enables)
            w.key("deadline"); w.optional(s.deadline)
            w.key("documents"); w.strings(s.documents)
            w.key("rule"); w.string(s.rule)
            w.key("source"); w.string(s.source)
        }
    }
}

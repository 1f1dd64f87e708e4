import Eligibility

/// A CDS Hooks call read far enough to know what it asks and what it lacks: JSON, the
/// hook instance, the hook of the service called, the patient's id, and which prefetch
/// results it carries.
struct CDSCall: Sendable {
    let service: CDSService
    let root: FHIRElement
    /// `context.patientId`.
    let patientId: String
    /// The prefetch keys whose result is absent or `null`: this service may fetch them.
    let missing: [PrefetchKey]
    /// The record system's query for the patient failed: it sent an OperationOutcome,
    /// which CDS Hooks 2.0 sends so that the service does not query again.
    let patientFailed: Bool
    /// The searches sent as a first page with a `next` link: this service may fetch the rest.
    let continuing: [PrefetchKey: FirstPage]

    /// A search's first page as the record system sent it.
    struct FirstPage: Sendable {
        /// Its `next` link.
        var next: String
        /// Its resources, at their paths in the call.
        var resources: [FHIRElement]
        /// How many entries it has (the next page's entries follow).
        var entries: Int
    }

    /// True when the call carries everything this service reads.
    var isComplete: Bool { missing.isEmpty && continuing.isEmpty && !patientFailed }

    /// - Throws: 400 for a body that is no JSON object, or lacks the hook instance, the
    ///   service's hook or the patient's id.
    static func read(_ service: CDSService, _ bytes: [UInt8]) throws(APIError) -> CDSCall {
        let root: FHIRElement
        do {
            root = FHIRElement(node: try JSONDocument.parse(SourceText(name: PatientBody.name, bytes: bytes)), path: "")
        } catch {
            throw APIError(.badRequest, LoadFailure([error]))
        }
        guard root.node.pairs != nil else { throw APIError(.badRequest, "expected a CDS Hooks request object, found \(root.node.kindDescription)", at: PatientBody.name) }
        do throws(FHIRError) {
            guard try root.string("hookInstance") != nil else {
                throw FHIRError(path: "hookInstance", message: "missing; a CDS Hooks request names its hook instance (a UUID)")
            }
            let hook = try root.string("hook")
            guard hook == service.hook else {
                throw FHIRError(path: "hook", message: "expected \(service.hook) for \(service.rawValue), found \(hook.map { "'\($0)'" } ?? "none")")
            }
            guard let context = try root.object("context") else {
                throw FHIRError(path: "context", message: "missing; a CDS Hooks request carries the hook's context")
            }
            guard let patientId = try context.string("patientId") else {
                throw FHIRError(path: "context.patientId", message: "missing; the hook's context names the patient")
            }
            let prefetch = try root.object("prefetch")
            let missing = PrefetchKey.allCases.filter { prefetch?.child($0.rawValue) == nil }
            let patientFailed = prefetch?.child("patient").map(RecordFacts.isOutcome) ?? false
            var continuing: [PrefetchKey: FirstPage] = [:]
            for key in [PrefetchKey.conditions, .consents] {
                guard let bundle = try prefetch?.object(key.rawValue), !RecordFacts.isOutcome(bundle) else { continue }
                for link in try bundle.array("link") where try link.string("relation") == "next" {
                    guard let next = try link.string("url") else { break }
                    continuing[key] = FirstPage(next: next, resources: try RecordFacts.resources(of: bundle), entries: try bundle.array("entry").count)
                    break
                }
            }
            return CDSCall(service: service, root: root, patientId: patientId, missing: missing, patientFailed: patientFailed,
                           continuing: continuing)
        } catch {
            throw APIError(.badRequest, error.message, at: error.path)
        }
    }
}

import Eligibility
import Hummingbird

/// CDS Hooks 2.0: `GET /cds-services` (discovery) and `POST /cds-services/{id}`.
struct CDSHooksRoutes {
    let rules: CurrentRules
    let today: @Sendable () -> Day

    func add(to router: Router<EligibilityRequestContext>) {
        router.get("cds-services") { _, _ in Response.json(Self.discovery(), status: .ok) }
        router.post("cds-services/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            guard let service = CDSService(rawValue: id) else {
                throw APIError(.notFound, "no CDS service '\(id)'; GET /cds-services lists them\(Suggestion.hint(for: id, among: CDSService.allCases.map(\.rawValue)))", at: "id")
            }
            var request = request
            let bytes = try await request.jsonBody(context: context)
            let edition = rules.current
            let cards = try await CheckQueue.shared.run { lane throws(APIError) in try call(service, bytes, engine: edition.engine(lane: lane)) }
            return Response.json(bytes: cards, status: .ok)
        }
    }

    /// Reads the call, checks the record against the rules of `engine`, and answers with cards.
    func call(_ service: CDSService, _ bytes: [UInt8], engine: Engine) throws(APIError) -> [UInt8] {
        let root: FHIRElement
        do {
            root = FHIRElement(node: try JSONDocument.parse(SourceText(name: PatientBody.name, bytes: bytes)), path: "")
        } catch {
            throw APIError(.badRequest, LoadFailure([error]))
        }
        guard root.node.pairs != nil else { throw APIError(.badRequest, "expected a CDS Hooks request object, found \(root.node.kindDescription)", at: PatientBody.name) }
        if root.node["prefetch"]?["patient"] == nil {
            throw APIError(.preconditionFailed, "missing; this service does not query the FHIR server, so the record system must send the prefetch templates of GET /cds-services", at: "prefetch.patient")
        }
        let day = today()
        let record: RecordFacts
        do throws(FHIRError) {
            let hook = try root.string("hook")
            guard hook == service.hook else {
                throw FHIRError(path: "hook", message: "expected \(service.hook) for \(service.rawValue), found \(hook.map { "'\($0)'" } ?? "none")")
            }
            record = try RecordFacts.read(root, library: engine.library, on: day)
        } catch {
            throw APIError(.badRequest, error.message, at: error.path)
        }
        let patient = record.patient(on: day)
        guard record.facts["jurisdiction"] != nil else {
            let deck = CardDeck(outcomes: try outcomes(engine, patient, []), record: record, library: engine.library)
            return Card.response([deck.noCountryCard()], patientId: record.patientId)
        }
        switch service {
        case .referral:
            var seen: Set<String> = []
            let ids = record.orders.flatMap(\.services).filter { seen.insert($0).inserted }
            guard !ids.isEmpty else { return Card.response([], patientId: record.patientId) }
            let deck = CardDeck(outcomes: try outcomes(engine, patient, ids), record: record, library: engine.library)
            return Card.response(deck.orderCards(ids), patientId: record.patientId)
        case .patientView:
            let deck = CardDeck(outcomes: try outcomes(engine, patient, nil), record: record, library: engine.library)
            return Card.response(deck.overviewCards(), patientId: record.patientId)
        }
    }

    /// The services the cards show (no gaps, choices or whole plan: the cards do not show them).
    private func outcomes(_ engine: Engine, _ patient: Patient, _ services: [String]?) throws(APIError) -> ServiceOutcomes {
        do {
            return try engine.outcomes(for: patient, services: services)
        } catch {
            throw APIError(.unprocessableContent, problems: error.diagnostics.map { .init(at: "context.draftOrders", message: $0.message) })
        }
    }
}

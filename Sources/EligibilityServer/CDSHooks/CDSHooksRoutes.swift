import Eligibility
import Hummingbird

/// CDS Hooks 2.0: `GET /cds-services` (discovery) and `POST /cds-services/{id}`.
struct CDSHooksRoutes {
    let rules: CurrentRules
    let record: RecordSettings
    let today: @Sendable () -> Day
    let cardIds: CardIds

    /// The cards, and the orders that named no known service (for the log).
    struct Answer: Sendable {
        var cards: [UInt8]
        var unmappedOrders: [String] = []
    }

    func add(to router: Router<EligibilityRequestContext>) {
        router.get("cds-services") { _, _ in Response.json(Self.discovery(), status: .ok) }
        addFeedback(to: router)
        router.post("cds-services/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            guard let service = CDSService(rawValue: id) else {
                throw APIError(.notFound, "no CDS service '\(id)'; GET /cds-services lists them\(Suggestion.hint(for: id, among: CDSService.allCases.map(\.rawValue)))", at: "id")
            }
            var request = request
            let bytes = try await request.jsonBody(context: context)
            let edition = rules.current
            let answer = try await CheckQueue.shared.run { lane throws(APIError) in try call(service, bytes, engine: edition.engine(lane: lane)) }
            // Codes and paths only: an order's free text may hold patient details.
            for order in answer.unmappedOrders {
                context.logger.info("order maps to no service", metadata: ["service": .string(service.rawValue), "order": .string(order)])
            }
            return Response.json(bytes: answer.cards, status: .ok)
        }
    }

    /// Reads the call, checks the record against the rules of `engine`, and answers with cards.
    func call(_ service: CDSService, _ bytes: [UInt8], engine: Engine) throws(APIError) -> Answer {
        let root: FHIRElement
        do {
            root = FHIRElement(node: try JSONDocument.parse(SourceText(name: PatientBody.name, bytes: bytes)), path: "")
        } catch {
            throw APIError(.badRequest, LoadFailure([error]))
        }
        guard root.node.pairs != nil else { throw APIError(.badRequest, "expected a CDS Hooks request object, found \(root.node.kindDescription)", at: PatientBody.name) }
        let prefetched = root.node["prefetch"]?["patient"]
        // Absent, null, or an OperationOutcome (the record system's query failed): the
        // patient is missing, and this service does not fetch it itself (CDS Hooks: 412).
        let isNull: Bool
        if case .null = prefetched?.scalar?.resolved { isNull = true } else { isNull = false }
        if prefetched == nil || isNull || prefetched?["resourceType"]?.scalar?.text == "OperationOutcome" {
            throw APIError(.preconditionFailed, "missing; this service does not query the FHIR server, so the record system must send the prefetch templates of GET /cds-services", at: "prefetch.patient")
        }
        let day = today()
        let record: RecordFacts
        do throws(FHIRError) {
            guard try root.string("hookInstance") != nil else {
                throw FHIRError(path: "hookInstance", message: "missing; a CDS Hooks request names its hook instance (a UUID)")
            }
            let hook = try root.string("hook")
            guard hook == service.hook else {
                throw FHIRError(path: "hook", message: "expected \(service.hook) for \(service.rawValue), found \(hook.map { "'\($0)'" } ?? "none")")
            }
            record = try RecordFacts.read(root, library: engine.library, settings: self.record, on: day)
        } catch {
            throw APIError(.badRequest, error.message, at: error.path)
        }
        let patient = record.patient(on: day)
        let unmapped = record.unmappedOrders
        if service == .referral, !record.concernsTheRules {
            return Answer(cards: Card.response([], patientId: record.patientId, ids: cardIds), unmappedOrders: unmapped)
        }
        guard record.facts["jurisdiction"] != nil else {
            let deck = CardDeck(outcomes: try outcomes(engine, patient, []), record: record, library: engine.library)
            return Answer(cards: Card.response([deck.noCountryCard()], patientId: record.patientId, ids: cardIds), unmappedOrders: unmapped)
        }
        switch service {
        case .referral:
            var seen: Set<String> = []
            let ids = record.orders.flatMap(\.services).filter { seen.insert($0).inserted }
            guard !ids.isEmpty else { return Answer(cards: Card.response([], patientId: record.patientId, ids: cardIds), unmappedOrders: unmapped) }
            let deck = CardDeck(outcomes: try outcomes(engine, patient, ids), record: record, library: engine.library)
            return Answer(cards: Card.response(deck.orderCards(ids), patientId: record.patientId, ids: cardIds), unmappedOrders: unmapped)
        case .patientView:
            let deck = CardDeck(outcomes: try outcomes(engine, patient, nil), record: record, library: engine.library)
            return Answer(cards: Card.response(deck.overviewCards(), patientId: record.patientId, ids: cardIds), unmappedOrders: unmapped)
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

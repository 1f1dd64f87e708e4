import Eligibility
import Foundation
import Hummingbird
import Logging

/// CDS Hooks 2.0: `GET /cds-services` (discovery) and `POST /cds-services/{id}`.
struct CDSHooksRoutes {
    let rules: CurrentRules
    let record: RecordSettings
    let today: @Sendable () -> Day
    /// When the cards are made (`Task.authoredOn`); tests fix it.
    let now: @Sendable () -> Date
    let cardIds: CardIds
    /// The CDS clients and the queries of their FHIR servers; nil: no FHIR server is queried.
    let clientTrust: CDSClientTrust?

    /// The cards, and the orders that named no known service (for the log).
    struct Answer: Sendable {
        var cards: [UInt8]
        var unmappedOrders: [String] = []
    }

    /// How far the first look at a call got.
    enum Step: Sendable {
        /// Answered without the record's resources, or with all of them sent.
        case answered(Answer)
        /// Prefetch results are missing or only a first page: fetched from the FHIR
        /// server when it may be queried; a patient neither sent nor fetched is 412.
        case needsRecord(CDSCall)
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
            var answer: Answer
            switch try await CheckQueue.shared.run({ lane throws(APIError) in try begin(service, bytes, engine: edition.engine(lane: lane)) }) {
            case .answered(let answered):
                answer = answered
            case .needsRecord(let call):
                let fetched = try await fetch(for: call, issuer: context.cdsClient, logger: context.logger)
                answer = try await CheckQueue.shared.run { lane throws(APIError) in try finish(call, fetched, engine: edition.engine(lane: lane)) }
            }
            // Codes and paths only: an order's free text may hold patient details.
            for order in answer.unmappedOrders {
                context.logger.info("order maps to no service", metadata: ["service": .string(service.rawValue), "order": .string(order)])
            }
            return Response.json(bytes: answer.cards, status: .ok)
        }
    }

    /// Reads the call; answers it when it needs nothing more: orders that ask nothing of
    /// these rules (no patient needed), or every prefetch result sent.
    func begin(_ service: CDSService, _ bytes: [UInt8], engine: Engine) throws(APIError) -> Step {
        let call = try CDSCall.read(service, bytes)
        if service == .referral {
            let orders: RecordFacts
            do throws(FHIRError) {
                orders = try RecordFacts.orders(call.root, library: engine.library, settings: record)
            } catch {
                throw APIError(.badRequest, error.message, at: error.path)
            }
            if !orders.concernsTheRules {
                return .answered(Answer(cards: Card.response([], tasks: TaskContext(patientId: call.patientId, now: now()), ids: cardIds),
                                        unmappedOrders: orders.unmappedOrders))
            }
        }
        guard call.isComplete else { return .needsRecord(call) }
        return .answered(try finish(call, FetchedRecord(), engine: engine))
    }

    /// Fetches what the call lacks from its FHIR server, when this service may query it.
    /// - Throws: 412 when the patient is neither sent nor fetched, naming why.
    func fetch(for call: CDSCall, issuer: String?, logger: Logger) async throws(APIError) -> FetchedRecord {
        if call.patientFailed {
            throw APIError(.preconditionFailed, "the record system sent an OperationOutcome (its query failed), and CDS Hooks asks the service not to query again; the patient is needed", at: "prefetch.patient")
        }
        let access = try FHIRServerAccess.of(call, clients: clientTrust?.clients, issuer: issuer)
        switch access {
        case .query(let server):
            guard let queries = clientTrust?.queries else { break }
            let answers = await queries.fetch(call.missing, continuing: call.continuing, patientId: call.patientId, from: server)
            for (resource, outcome, pages) in answers.outcomes {
                var metadata: Logger.Metadata = ["resource": .string(resource), "outcome": .string(outcome)]
                if let pages { metadata["pages"] = .stringConvertible(pages) }
                logger.info("FHIR query", metadata: metadata)
            }
            if let failure = answers.patientFailure {
                throw APIError(.preconditionFailed, "missing, and Patient/\(call.patientId) could not be fetched from fhirServer: \(failure.reason)", at: "prefetch.patient")
            }
            return answers.record
        case .refused(let reason):
            logger.info("FHIR server not queried", metadata: ["issuer": .string(issuer ?? "none")])
            if call.missing.contains(.patient) {
                throw APIError(.preconditionFailed, "missing, and \(reason); the record system must send the prefetch templates of GET /cds-services", at: "prefetch.patient")
            }
            var fetched = FetchedRecord()
            fetched.notes = call.missing.map { "\($0.what) were not sent, and \(reason), so they are unknown" }
            return fetched
        case .notOffered:
            break
        }
        if call.missing.contains(.patient) {
            let reason = clientTrust == nil
                ? "this service queries a FHIR server only for the CDS clients of serve --cds-clients, and runs without them"
                : "the call names no fhirServer to fetch it from"
            throw APIError(.preconditionFailed, "missing, and \(reason); the record system must send the prefetch templates of GET /cds-services", at: "prefetch.patient")
        }
        return FetchedRecord()
    }

    /// Checks the record (sent and fetched) against the rules of `engine`, and answers with cards.
    func finish(_ call: CDSCall, _ fetched: FetchedRecord, engine: Engine) throws(APIError) -> Answer {
        let service = call.service
        let day = today()
        let record: RecordFacts
        do throws(FHIRError) {
            record = try RecordFacts.read(call.root, library: engine.library, settings: self.record, on: day, fetched: fetched)
        } catch {
            // A resource the FHIR server gave is the server's, not the call's.
            let source = fetched.holds(error.path) ? " (in what this service fetched from fhirServer)" : ""
            throw APIError(.badRequest, error.message + source, at: error.path)
        }
        let tasks = TaskContext(patientId: record.patientId, requester: record.user, now: now())
        let patient = record.patient(on: day)
        let unmapped = record.unmappedOrders
        if service == .referral, !record.concernsTheRules {
            return Answer(cards: Card.response([], tasks: tasks, ids: cardIds), unmappedOrders: unmapped)
        }
        guard record.facts["jurisdiction"] != nil else {
            // patient-view shows the services of the patient's country: a record that names
            // none of the rules' countries has none to show. An order for one of these
            // services says why it cannot be checked.
            guard service == .referral else { return Answer(cards: Card.response([], tasks: tasks, ids: cardIds)) }
            let deck = CardDeck(outcomes: try outcomes(engine, patient, []), record: record, library: engine.library)
            return Answer(cards: Card.response([deck.noCountryCard()], tasks: tasks, ids: cardIds), unmappedOrders: unmapped)
        }
        switch service {
        case .referral:
            var seen: Set<String> = []
            let ids = record.orders.flatMap(\.services).filter { seen.insert($0).inserted }
            guard !ids.isEmpty else { return Answer(cards: Card.response([], tasks: tasks, ids: cardIds), unmappedOrders: unmapped) }
            let deck = CardDeck(outcomes: try outcomes(engine, patient, ids), record: record, library: engine.library)
            return Answer(cards: Card.response(deck.orderCards(ids), tasks: tasks, ids: cardIds), unmappedOrders: unmapped)
        case .patientView:
            let deck = CardDeck(outcomes: try outcomes(engine, patient, nil), record: record, library: engine.library)
            return Answer(cards: Card.response(deck.overviewCards(), tasks: tasks, ids: cardIds), unmappedOrders: unmapped)
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

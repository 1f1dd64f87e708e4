import Eligibility
import Hummingbird
import Logging

extension CDSHooksRoutes {
    /// `POST /cds-services/{id}/feedback` (CDS Hooks 2.0): what the GP did with each card.
    /// Validated (400 with the element's path), answered 200, and logged one line per item
    /// with the card's uuid, the outcome and the reason's code: never the GP's comment,
    /// which may name the patient.
    func addFeedback(to router: Router<EligibilityRequestContext>) {
        router.post("cds-services/:id/feedback") { request, context in
            let id = context.parameters.get("id") ?? ""
            guard let service = CDSService(rawValue: id) else {
                throw APIError(.notFound, "no CDS service '\(id)'; GET /cds-services lists them\(Suggestion.hint(for: id, among: CDSService.allCases.map(\.rawValue)))", at: "id")
            }
            var request = request
            let bytes = try await request.jsonBody(context: context)
            let items: [CDSFeedback]
            do {
                let root = FHIRElement(node: try JSONDocument.parse(SourceText(name: PatientBody.name, bytes: bytes)), path: "")
                do throws(FHIRError) {
                    items = try CDSFeedback.read(root)
                } catch {
                    throw APIError(.badRequest, error.message, at: error.path)
                }
            } catch let error as Diagnostic {
                throw APIError(.badRequest, LoadFailure([error]))
            }
            for item in items {
                var metadata: Logger.Metadata = [
                    "service": .string(service.rawValue), "card": .string(item.card), "outcome": .string(item.outcome.rawValue),
                ]
                if let reason = item.overrideReason { metadata["reason"] = .string(reason) }
                if !item.acceptedSuggestions.isEmpty { metadata["accepted"] = .stringConvertible(item.acceptedSuggestions.count) }
                context.logger.info("feedback", metadata: metadata)
            }
            return Response.json("{}\n", status: .ok)
        }
    }
}

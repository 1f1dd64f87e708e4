import Hummingbird

extension Request {
    /// The body of a JSON request, read whole.
    /// - Throws: 415 unless the content type is JSON (`application/json`, or FHIR's
    ///   `application/fhir+json`); 413 above ``ServerLimits/maxBodyBytes``; 400 for a body
    ///   that cannot be read (`bodyBytes(upTo:)`).
    mutating func jsonBody(context: some RequestContext) async throws -> [UInt8] {
        let type = headers.mediaType
        guard type == "application/json" || type == "application/fhir+json" else { throw APIError.notJSON(headers) }
        if let length = headers[.contentLength].flatMap(Int.init), length > context.maxUploadSize {
            throw APIError(.contentTooLarge, JSONErrorMiddleware<EligibilityRequestContext>.message(for: .contentTooLarge))
        }
        let buffer = try await bodyBytes(upTo: context.maxUploadSize)
        return Array(buffer.readableBytesView)
    }
}

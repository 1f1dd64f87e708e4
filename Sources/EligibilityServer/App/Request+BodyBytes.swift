import Hummingbird

extension Request {
    /// The whole body, read up to `limit` bytes.
    ///
    /// Reading fails for two kinds of reason, and only one is the body's size: a
    /// chunked body whose framing is malformed (a chunk size that is no hex number, a chunk
    /// longer than its size) or a connection cut mid-body ends the stream with an error of
    /// NIO's HTTP decoder, which is the client's fault as much as bad JSON is (400), not
    /// the server's (500) and not a size (413).
    /// - Throws: 413 above `limit`; 400 when the body cannot be read.
    package func bodyBytes(upTo limit: Int) async throws(APIError) -> ByteBuffer {
        do {
            return try await body.collect(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw APIError(.contentTooLarge, JSONErrorMiddleware<EligibilityRequestContext>.message(for: .contentTooLarge))
        } catch {
            let chunked = headers[.transferEncoding]?.lowercased().contains("chunked") == true
            throw APIError(.badRequest, chunked
                ? "the body could not be read: its chunked transfer encoding is malformed (each chunk is a hex size, CRLF, that many bytes, CRLF; a chunk of size 0 ends the body)"
                : "the body could not be read: the connection ended before the body did")
        }
    }
}

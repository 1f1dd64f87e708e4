import Hummingbird

extension Request {
    /// The whole body, read up to `limit` bytes.
    ///
    /// Reading fails for two kinds of reason, and only one is the body's size: a
    /// chunked body whose framing is malformed (a chunk size that is no hex number, a chunk
    /// longer than its size) or a connection cut mid-body ends the stream with an error of
    /// NIO's HTTP decoder, which is the client's fault as much as bad JSON is (400), not
    /// the server's (500) and not a size (413).
    ///
    /// The whole body must arrive within `ServerLimits.bodyTimeout`: the idle timeout does
    /// not cut a connection while a request is being read, so a body trickled a byte at a
    /// time would otherwise hold its connection (and its slot among the connections) for as
    /// long as the sender likes.
    /// - Throws: 413 above `limit`; 408 (and the connection closed) when the body takes
    ///   longer than the limit; 400 when the body cannot be read.
    package func bodyBytes(upTo limit: Int) async throws(APIError) -> ByteBuffer {
        let body = self.body
        let first = await withTaskGroup(of: Result<ByteBuffer, any Error>?.self) { group in
            group.addTask {
                do { return .success(try await body.collect(upTo: limit)) } catch { return .failure(error) }
            }
            group.addTask {
                try? await Task.sleep(for: ServerLimits.bodyTimeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let first else {
            throw APIError(.requestTimeout, problems: [.init(at: nil, message: "the body did not arrive within \(ServerLimits.bodyTimeout.components.seconds) seconds; send it whole and at once")],
                           headers: [.connection: "close"])
        }
        do {
            return try first.get()
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

package import Eligibility
public import Hummingbird

extension Response {
    /// A response with a JSON body, the text sent as it is.
    public static func json(_ text: String, status: HTTPResponse.Status) -> Response {
        json(body: ByteBuffer(string: text), status: status)
    }

    /// A JSON response from UTF-8 bytes.
    public static func json(bytes: [UInt8], status: HTTPResponse.Status) -> Response {
        json(body: ByteBuffer(bytes: bytes), status: status)
    }

    /// A JSON response holding a written document and the line break that ends it, copied
    /// once, piece by piece, into the buffer sent.
    package static func json(_ document: borrowing JSONWriter, status: HTTPResponse.Status) -> Response {
        var buffer = ByteBufferAllocator().buffer(capacity: document.byteCount + 1)
        document.forEachPiece { buffer.writeBytes($0) }
        buffer.writeInteger(UInt8(ascii: "\n"))
        return json(body: buffer, status: status)
    }

    /// The one place the JSON content type is set.
    private static func json(body: ByteBuffer, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: ResponseBody(byteBuffer: body))
    }
}

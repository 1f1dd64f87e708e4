import Hummingbird

/// `GET /openapi.json`: the description of `/v1` (``OpenAPIDocument``). It needs no token:
/// it holds no patient data, and a client reads it before it has one.
struct OpenAPIRoutes {
    static let path = "/openapi.json"

    func add(to router: Router<EligibilityRequestContext>) {
        router.get(RouterPath(Self.path)) { _, _ in
            switch OpenAPIDocument.bundled {
            case .success(let document):
                return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                                body: ResponseBody(byteBuffer: document))
            case .failure(let missing):
                // `serve` reads the document before it listens and refuses to start without it.
                throw APIError(.internalServerError, missing.description)
            }
        }
    }
}

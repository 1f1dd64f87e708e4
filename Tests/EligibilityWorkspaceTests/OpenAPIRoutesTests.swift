import Eligibility
import EligibilityServer
import EligibilityWorkspace
import Foundation
import Hummingbird
import Logging
import Testing

/// The OpenAPI description (served at /openapi.json) and the router of `eligcheck serve`
/// name the same operations under /v1: a route added without its description, or a
/// description left behind by a route taken away, fails here.
@Suite struct OpenAPIRoutesTests {
    /// `GET /v1/cases/{id}` and the like, as the document describes them.
    static func describedOperations() throws -> Set<String> {
        let bytes = try OpenAPIDocument.bundled.get()
        let object = try JSONSerialization.jsonObject(with: Data(bytes.readableBytesView))
        let paths = try #require((object as? [String: Any])?["paths"] as? [String: [String: Any]])
        let methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]
        return Set(paths.flatMap { path, item in item.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" } })
    }

    /// The router `serve` builds: the server's routes and the workspace's.
    static func servedOperations() throws -> Set<String> {
        let service = CaseService(store: try CaseStore(path: temporaryDatabasePath()), engine: try TestRules.engine(),
                                  logger: Logger(label: "test"))
        let router = CheckerServer.router(rules: CurrentRules(engine: service.engine, paths: []), settings: try ServerSettings())
        router.addRoutes(try Workspace(service: service).routes(context: EligibilityRequestContext.self))
        return Set(router.routes.filter { $0.path.description.hasPrefix("/v1/") }.map { "\($0.method.rawValue) \($0.path)" })
    }

    @Test func everyV1RouteIsDescribedAndNothingElse() throws {
        let described = try Self.describedOperations()
        let served = try Self.servedOperations()
        #expect(served.subtracting(described).sorted() == [], "routes without a description")
        #expect(described.subtracting(served).sorted() == [], "descriptions without a route")
        #expect(served.contains("PUT /v1/cases/{id}"))
        #expect(served.contains("POST /v1/check"))
    }
}

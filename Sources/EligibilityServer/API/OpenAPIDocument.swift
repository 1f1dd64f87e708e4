import Foundation
import Hummingbird

/// The OpenAPI 3.1 description of `/v1`: `API/openapi.json`, a resource of this target,
/// served as the file holds it, so the description in the repository and the one a client
/// reads cannot differ.
public enum OpenAPIDocument {
    /// Why the document could not be read from the resource bundle. (A binary copied away
    /// from its build folder without `eligcheck_EligibilityServer.resources` beside it does not
    /// get this far: SwiftPM's `Bundle.module` stops the process, naming both places it looked.)
    public struct Missing: Error, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { "cannot read the OpenAPI document (openapi.json): \(reason)" }
    }

    /// The document's bytes, read once.
    public static let bundled: Result<ByteBuffer, Missing> = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            return .failure(Missing(reason: "it is not in the resource bundle \(Bundle.module.bundlePath)"))
        }
        do {
            return .success(ByteBuffer(bytes: try Data(contentsOf: url)))
        } catch {
            return .failure(Missing(reason: "\(url.path): \(error.localizedDescription)"))
        }
    }()
}

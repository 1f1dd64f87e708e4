public import Eligibility
public import Hummingbird

/// An answer other than success, sent as JSON:
/// `{"status": 422, "error": "...", "problems": [{"at": "body:3:5", "message": "..."}]}`.
///
/// `error` is the whole message in one string (each problem as the CLI prints it); each
/// problem names where it is: `body:line:column` in a request body, a dotted path such as
/// `prefetch.patient.birthDate` in a CDS Hooks call, or a query parameter.
public struct APIError: Error, Sendable {
    /// One thing wrong, and where.
    public struct Problem: Sendable {
        /// `body:3:5`, `prefetch.patient.birthDate`, `as_of`; nil when it has no place.
        public var at: String?
        /// What is wrong, with what was expected.
        public var message: String

        /// A problem at a place.
        public init(at: String?, message: String) {
            self.at = at
            self.message = message
        }
    }

    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// Everything wrong, in the order found.
    public var problems: [Problem]
    /// Extra response headers (`WWW-Authenticate` on 401).
    public var headers: HTTPFields = [:]

    /// An error with several problems.
    public init(_ status: HTTPResponse.Status, problems: [Problem], headers: HTTPFields = [:]) {
        self.status = status
        self.problems = problems
        self.headers = headers
    }

    /// An error with one problem.
    public init(_ status: HTTPResponse.Status, _ message: String, at: String? = nil) {
        self.init(status, problems: [Problem(at: at, message: message)])
    }

    /// 415 for a body sent as something other than JSON: the `Content-Type` of `headers`
    /// as found, or none.
    package static func notJSON(_ headers: HTTPFields) -> APIError {
        let found = headers[.contentType].map { "'\($0)'" } ?? "none"
        return APIError(.unsupportedMediaType, "the body must be JSON: send Content-Type: application/json (found \(found))", at: "Content-Type")
    }

    /// Problems read from a file-like input (a body), each at its `file:line:column`.
    public init(_ status: HTTPResponse.Status, _ failure: LoadFailure) {
        self.init(status, problems: failure.diagnostics.map { d in
            Problem(at: d.location.map { "\(d.file):\($0.line):\($0.column)" } ?? d.file, message: d.message)
        } + [failure.unreportedLine].compactMap { $0.map { Problem(at: nil, message: $0) } })
    }

    /// The whole message: each problem as `at: message`, one a line.
    public var message: String {
        problems.map { p in p.at.map { "\($0): \(p.message)" } ?? p.message }.joined(separator: "\n")
    }

    /// The JSON body.
    public var json: String {
        var w = JSONWriter()
        w.object { w in
            w.key("status"); w.number(Int(status.code))
            w.key("error"); w.string(message)
            w.key("problems"); w.array { w in
                for p in problems {
                    w.object { w in
                        w.key("at"); w.optional(p.at)
                        w.key("message"); w.string(p.message)
                    }
                }
            }
        }
        return w.text + "\n"
    }

    /// The response carrying this error.
    public var response: Response {
        var response = Response.json(json, status: status)
        response.headers.append(contentsOf: headers)
        return response
    }
}

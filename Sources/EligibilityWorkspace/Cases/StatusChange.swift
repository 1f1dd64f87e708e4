import Eligibility

/// The statuses of a case that a change of the rules moved.
public struct StatusChange: Sendable, Hashable, Codable {
    public struct Entry: Sendable, Hashable, Codable {
        public var service: String
        public var title: String
        public var from: Status?
        public var to: Status

        public init(service: String, title: String, from: Status?, to: Status) {
            self.service = service
            self.title = title
            self.from = from
            self.to = to
        }

        enum CodingKeys: String, CodingKey { case service, title, from, to }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            service = try c.decode(String.self, forKey: .service)
            title = try c.decode(String.self, forKey: .title)
            from = try c.decodeIfPresent(String.self, forKey: .from).flatMap(Status.init(rawValue:))
            guard let to = Status(rawValue: try c.decode(String.self, forKey: .to)) else {
                throw DecodingError.dataCorruptedError(forKey: .to, in: c, debugDescription: "unknown status")
            }
            self.to = to
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(service, forKey: .service)
            try c.encode(title, forKey: .title)
            try c.encodeIfPresent(from?.rawValue, forKey: .from)
            try c.encode(to.rawValue, forKey: .to)
        }
    }

    /// The rules version under which the statuses moved.
    public var rulesVersion: String
    public var entries: [Entry]
}

public import Eligibility

/// What a record system writes on a draft order, mapped to the services it asks for: codes
/// (SNOMED CT referral procedures and others), the receiving organisation's identifier, the
/// performer type, and words in `code.text`. Data, not code, so that each deployment can
/// name its own order catalogue and receiving units (`serve --order-map FILE`); the bundled
/// map is `orders/order-map.yaml`.
///
/// The map is validated against the rules at start (every service and fact it names must
/// exist), so a typo stops the server with its line and column instead of silently giving
/// no card.
public struct OrderMap: Sendable {
    /// A system and a code (or an identifier's system and value).
    public struct Key: Sendable, Hashable {
        public var system: String
        public var code: String

        public init(system: String, code: String) {
            self.system = system
            self.code = code
        }
    }

    /// A word of `code.text` and the service it means.
    public struct Keyword: Sendable, Hashable {
        /// Lower-cased; matched as part of a word.
        public var text: String
        public var target: OrderTarget
    }

    /// A fact the order makes true once it is sent, with where the map says so.
    public struct OrderFact: Sendable {
        public var fact: String
        public var value: FactValue
    }

    /// `ServiceRequest.code` codings.
    public var codes: [Key: OrderTarget] = [:]
    /// `ServiceRequest.performerType` codings.
    public var performerTypes: [Key: OrderTarget] = [:]
    /// `ServiceRequest.performer[].identifier` (system and value).
    public var organisations: [Key: OrderTarget] = [:]
    /// Organisation identifier systems by their name (SOR, HSA-id, HER-id), for the log.
    public var identifierSystems: [String: String] = [:]
    /// Words of `code.text`, in file order.
    public var keywords: [Keyword] = []
    /// Service id → the facts that hold once its order is sent.
    public var orderFacts: [String: [OrderFact]] = [:]
    /// The file it was read from.
    public var file: String = ""

    /// A map that knows only the project's own `urn:eligcheck:*` codings.
    public init() {}
}

/// The service an order asks for: the same in every country, or one per country (a
/// referral to psychiatry is the Danish visitation and the Norwegian DPS).
public enum OrderTarget: Sendable, Hashable {
    /// One service, whatever the patient's country.
    case everywhere(String)
    /// The service in each country; a country left out is not concerned by the order.
    case byCountry([String: String])

    /// The service for a patient of `country`; nil when the order does not concern that
    /// country's rules, or when the country is unknown and the service depends on it.
    public func service(in country: String?) -> String? {
        switch self {
        case .everywhere(let id): return id
        case .byCountry(let ids): return country.flatMap { ids[$0] }
        }
    }

    /// Every service it may name, for validation against the rules.
    var allServices: [String] {
        switch self {
        case .everywhere(let id): return [id]
        case .byCountry(let ids): return ids.keys.sorted().compactMap { ids[$0] }
        }
    }
}

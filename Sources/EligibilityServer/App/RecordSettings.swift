import Eligibility

/// How CDS Hooks calls are read beyond FHIR R4 itself: which services an order means, and
/// the country of a patient whose record names none.
public struct RecordSettings: Sendable {
    /// Order codes, receiving organisations and words → services (`serve --order-map`).
    public var orderMap: OrderMap
    /// The country (one of the rules' countries) of a patient whose address and identifiers name none
    /// (`serve --default-country`); nil: unknown.
    public var defaultCountry: String?

    /// Orders read by `orderMap`; no default country.
    public init(orderMap: OrderMap = OrderMap()) {
        self.orderMap = orderMap
        self.defaultCountry = nil
    }

    /// - Parameter countries: the countries of the rules in force (`RuleLibrary.jurisdictions`).
    /// - Throws: ``SettingsError`` when the default country is not one of them.
    public init(orderMap: OrderMap, defaultCountry: String?, countries: [String]) throws(SettingsError) {
        if let defaultCountry, !countries.contains(defaultCountry) {
            throw SettingsError("--default-country must be \(RuleLibrary.either(countries)); found '\(defaultCountry)'")
        }
        self.orderMap = orderMap
        self.defaultCountry = defaultCountry
    }
}

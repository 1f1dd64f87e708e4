/// How CDS Hooks calls are read beyond FHIR R4 itself: which services an order means, and
/// the country of a patient whose record names none.
public struct RecordSettings: Sendable {
    /// Order codes, receiving organisations and words → services (`serve --order-map`).
    public var orderMap: OrderMap
    /// The country (DK, SE or NO) of a patient whose address and identifiers name none
    /// (`serve --default-country`); nil: unknown.
    public var defaultCountry: String?

    /// Orders read by `orderMap`; no default country.
    public init(orderMap: OrderMap = OrderMap()) {
        self.orderMap = orderMap
        self.defaultCountry = nil
    }

    /// - Throws: ``SettingsError`` when the default country is not DK, SE or NO.
    public init(orderMap: OrderMap, defaultCountry: String?) throws(SettingsError) {
        if let defaultCountry, !OrderMap.countries.contains(defaultCountry) {
            throw SettingsError("--default-country must be DK, SE or NO; found '\(defaultCountry)'")
        }
        self.orderMap = orderMap
        self.defaultCountry = defaultCountry
    }
}

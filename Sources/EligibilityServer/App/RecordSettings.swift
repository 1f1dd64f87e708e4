/// How CDS Hooks calls are read beyond FHIR R4 itself: which services an order means.
public struct RecordSettings: Sendable {
    /// Order codes, receiving organisations and words → services (`serve --order-map`).
    public var orderMap: OrderMap

    /// Orders read by `orderMap`.
    public init(orderMap: OrderMap = OrderMap()) {
        self.orderMap = orderMap
    }
}

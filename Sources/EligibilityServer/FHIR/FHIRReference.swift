/// A FHIR Reference as the record wrote it: `reference` (`Practitioner/123`) and `display`.
public struct FHIRReference: Sendable, Hashable {
    public var reference: String?
    public var display: String?

    public init(reference: String?, display: String?) {
        self.reference = reference
        self.display = display
    }

    /// The first of `references` that has a reference or a display.
    static func first(_ references: [FHIRElement]) throws(FHIRError) -> FHIRReference? {
        for element in references where element.node.pairs != nil {
            let found = FHIRReference(reference: try element.string("reference"), display: try element.string("display"))
            if found.reference != nil || found.display != nil { return found }
        }
        return nil
    }

    /// A reference `Type/id` of one of `types` (a FHIR id after the slash); nil otherwise.
    static func typed(_ text: String?, _ types: Set<String>) -> FHIRReference? {
        guard let text, let slash = text.firstIndex(of: "/"), types.contains(String(text[..<slash])),
              FHIRServerAccess.isFHIRId(String(text[text.index(after: slash)...])) else { return nil }
        return FHIRReference(reference: text, display: nil)
    }
}

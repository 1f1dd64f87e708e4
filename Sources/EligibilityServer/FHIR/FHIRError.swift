/// A FHIR element that is not what the FHIR R4 definition allows, at its path in the call:
/// `prefetch.patient.birthDate: not a date`.
public struct FHIRError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The element's path from the top of the CDS Hooks request: `prefetch.conditions.entry[0].resource.code`.
    public var path: String
    /// What is wrong, with what was expected.
    public var message: String

    /// A complaint about the element at `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}

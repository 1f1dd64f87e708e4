/// A form field whose text does not fit its fact.
package struct FieldError: Error, Sendable, Hashable {
    package var field: String
    package var message: String
}

/// A problem with one form field, shown next to it.
struct FormError: Error, Sendable, Hashable {
    var field: String
    var message: String
}

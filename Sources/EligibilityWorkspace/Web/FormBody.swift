import Foundation

/// The fields of an `application/x-www-form-urlencoded` body, in order.
struct FormBody: Sendable {
    private(set) var fields: [(name: String, value: String)] = []

    /// Parses a body; a field whose percent-encoding is broken is an error naming it.
    init(_ text: String) throws(FormError) {
        for (index, part) in text.split(separator: "&", omittingEmptySubsequences: true).enumerated() {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ raw: Substring) throws(FormError) -> String {
                guard let value = raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
                    throw FormError(field: "field \(index + 1)", message: "broken percent-encoding in the form body")
                }
                return value
            }
            let name = try decode(pieces[0])
            fields.append((name, try decode(pieces.count > 1 ? pieces[1] : "")))
        }
    }

    /// The last value given for a field.
    subscript(name: String) -> String? {
        fields.last { $0.name == name }?.value
    }
}

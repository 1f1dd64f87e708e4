import Hummingbird

extension HTTPFields {
    /// The media type `Content-Type` names (`application/json` of
    /// `Application/JSON; charset=utf-8`): without its parameters and the spaces or tabs
    /// around it, lowercased; nil without the header. Read byte by byte, as it is read for
    /// every request that sends a body.
    package var mediaType: String? {
        guard let value = self[.contentType] else { return nil }
        let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        var type = value.utf8.prefix { $0 != UInt8(ascii: ";") }
        while let first = type.first, blank(first) { type = type.dropFirst() }
        while let last = type.last, blank(last) { type = type.dropLast() }
        return String(decoding: type, as: UTF8.self).lowercased()
    }
}

import Foundation

/// A part of a compact JWT (header or claims) read before its signature is checked.
public enum JWTSegment {
    /// The JSON object a base64url part holds; nil when it is not one.
    public static func object(_ part: Substring) -> [String: Any]? {
        var text = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        text += String(repeating: "=", count: (4 - text.count % 4) % 4)
        guard let data = Data(base64Encoded: text) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}

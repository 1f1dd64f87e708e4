/// An ICD-10 code read from a patient, in one canonical form: upper case, with a dot
/// before the subcategory (`F32.1`). The forms people type are accepted: the Danish SKS
/// form with its leading `D` (`DF321`), a comma for the dot (`F32,1`), lower case
/// (`f32.1`) and no dot at all (`F321`). Anything else is refused with the place it goes
/// wrong, never read as "not a mental illness".
public struct ICD10Code: Sendable, Hashable, CustomStringConvertible {
    /// `F32.1`, or `F32` for a category without a subcategory.
    public let text: String

    /// Why a text is not an ICD-10 code, and at which character (1-based) it goes wrong.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// 1-based position in the text as given (before spaces around it are trimmed).
        public var position: Int
        public var reason: String

        public var description: String { "character \(position): \(reason)" }
    }

    /// The longest subcategory accepted: WHO uses one character, national versions
    /// (SKS, ICD-10-CM) up to four.
    static let maxSubcategory = 4

    /// Reads a code in any accepted form.
    /// - Throws: `Problem` naming the first character that cannot be part of a code.
    public init(parsing input: some StringProtocol) throws(Problem) {
        let chars = Array(String(input).uppercased())
        var i = 0
        while i < chars.count, chars[i] == " " { i += 1 }
        var end = chars.count
        while end > i, chars[end - 1] == " " { end -= 1 }
        guard i < end else { throw Problem(position: max(1, i + 1), reason: "the code is empty") }
        // SKS writes the ICD-10 code after a 'D' (diagnosis): DF321 is F32.1. A D followed
        // by a digit is the ICD-10 chapter D itself (D50-D89); a D followed by two letters is
        // a word, reported at its second letter.
        if end - i >= 3, chars[i] == "D", Self.isLetter(chars[i + 1]), chars[i + 2].isASCII, chars[i + 2].isNumber { i += 1 }
        guard Self.isLetter(chars[i]) else {
            throw Problem(position: i + 1, reason: "expected the letter that begins an ICD-10 code, found '\(chars[i])'")
        }
        var code = String(chars[i])
        for k in 1...2 {
            let p = i + k
            guard p < end else { throw Problem(position: p + 1, reason: "expected two digits after the letter, the code ends") }
            guard chars[p].isASCII, chars[p].isNumber else {
                throw Problem(position: p + 1, reason: "expected two digits after the letter, found '\(chars[p])'")
            }
            code.append(chars[p])
        }
        var p = i + 3
        if p < end, chars[p] == "." || chars[p] == "," {
            p += 1
            guard p < end else { throw Problem(position: p + 1, reason: "expected a subcategory after the separator, the code ends") }
        }
        let subStart = p
        while p < end {
            guard chars[p].isASCII, chars[p].isLetter || chars[p].isNumber else {
                throw Problem(position: p + 1, reason: "expected a digit or letter of the subcategory, found '\(chars[p])'")
            }
            guard p - subStart < Self.maxSubcategory else {
                throw Problem(position: p + 1, reason: "the subcategory has more than \(Self.maxSubcategory) characters")
            }
            p += 1
        }
        if p > subStart { code += "." + String(chars[subStart..<p]) }
        text = code
    }

    /// nil when the text is not an ICD-10 code in any accepted form.
    public init?(_ input: some StringProtocol) {
        // Every text fact of a patient is tried as a code ("moderate", "DK"): those that
        // cannot be one are turned away before the reading and its message are made.
        if Self.surelyNotCode(input.utf8) { return nil }
        guard let code = try? ICD10Code(parsing: input) else { return nil }
        self = code
    }

    /// True for an ASCII text that does not begin, after spaces and an SKS `D`, with a
    /// letter and two digits, the start of every code `init(parsing:)` accepts. False
    /// (read it) for anything else, and for any non-ASCII text: upper-casing can turn a
    /// non-ASCII character into ASCII letters (`ß` into `SS`).
    static func surelyNotCode(_ utf8: some Collection<UInt8>) -> Bool {
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return false }
        var bytes = utf8.drop { $0 == UInt8(ascii: " ") }.prefix(4).map { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") ? $0 - 32 : $0 }
        func letter(_ b: UInt8) -> Bool { b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") }
        func digit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        if bytes.count >= 3, bytes[0] == UInt8(ascii: "D"), letter(bytes[1]), digit(bytes[2]) { bytes.removeFirst() }
        return !(bytes.count >= 3 && letter(bytes[0]) && digit(bytes[1]) && digit(bytes[2]))
    }

    /// The code without its dot (`F321`), the form ranges compare on.
    public var compact: String { String(text.filter { $0 != "." }) }

    public var description: String { text }

    private static func isLetter(_ c: Character) -> Bool { c.isASCII && c.isLetter }
}

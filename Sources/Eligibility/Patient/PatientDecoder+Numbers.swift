/// How a number given for a fact must be written.
///
/// The YAML core schema reads `030` as 30, `+5` as 5, `1e-400` as 0 and `1e400` as
/// infinity; JSON allows none of these forms. A patient's amount written so is more
/// likely a mistake (a zero-padded code pasted into an amount, a value that lost its
/// meaning on the way) than a number, and the YAML and JSON readers and the cohort's
/// fast reader must agree on it, so every one of them refuses it here.
extension PatientDecoder {
    /// What is wrong with a plain scalar given for a numeric fact, as the end of a
    /// sentence that starts with the fact's name; nil when it is a number written plainly
    /// (or not a number at all, which the type check words).
    static func numberProblem(_ text: String, _ resolved: CoreValue) -> String? {
        let bytes = Array(text.utf8)
        guard let first = bytes.first else { return nil }
        if case .string = resolved { return nil }
        if first == UInt8(ascii: "+") {
            return "must be a number written without a leading '+'; found \(text)"
        }
        let digits = first == UInt8(ascii: "-") ? bytes.dropFirst() : bytes[...]
        if digits.count > 1, digits.first == UInt8(ascii: "0"), let second = digits.dropFirst().first,
           isDigit(second) || second == UInt8(ascii: "x") || second == UInt8(ascii: "o") {
            if case .string = resolved { return nil }
            return "must be a number written in decimal without leading zeros; found \(text)"
        }
        switch resolved {
        case .integer:
            return nil
        case .float(let value):
            // `.inf` and `.nan` are written as such; the range check refuses them.
            guard digits.first.map(isDigit) == true || digits.first == UInt8(ascii: ".") else { return nil }
            if !value.isFinite {
                return "must be a number that can be held (about ±1.8e308 at most); found \(text), which overflows"
            }
            let mantissa = digits.prefix { $0 != UInt8(ascii: "e") && $0 != UInt8(ascii: "E") }
            if value == 0 || value.isSubnormal, mantissa.contains(where: { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") }) {
                return "must be a number that can be held (about 2.2e-308 at the smallest); found \(text), which underflows to \(value == 0 ? "0" : "a number without its precision")"
            }
            // Digits only, too many for a whole number: the core schema made it a float.
            if digits.allSatisfy(isDigit) {
                return "must be a number that can be held (at most \(Int.max) for a whole number); found \(text), which overflows"
            }
            return nil
        default:
            return nil
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}

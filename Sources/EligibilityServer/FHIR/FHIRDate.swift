public import Eligibility

/// FHIR R4 `date` and `dateTime` values: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a full
/// date with a time and zone. Partial dates are valid FHIR but name no day.
public enum FHIRDate {
    /// The calendar day written, nil for a valid partial date.
    /// - Throws: `not a date` when the text is no FHIR date or dateTime.
    public static func day(_ text: String, at path: String, allowTime: Bool) throws(FHIRError) -> Day? {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= bytes.count && bytes[range].allSatisfy { $0 >= 48 && $0 <= 57 }
        }
        let failure = FHIRError(path: path, message: allowTime
            ? "not a date (expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss+zz:zz)"
            : "not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
        guard digits(0..<4) else { throw failure }
        if bytes.count == 4 { return nil }
        guard bytes.count >= 7, bytes[4] == UInt8(ascii: "-"), digits(5..<7) else { throw failure }
        if bytes.count == 7 { return nil }
        guard bytes.count >= 10, bytes[7] == UInt8(ascii: "-"), digits(8..<10),
              let day = Day(iso: text.prefix(10)) else { throw failure }
        if bytes.count == 10 { return day }
        guard allowTime, bytes[10] == UInt8(ascii: "T"), bytes.count >= 19, digits(11..<13), digits(14..<16), digits(17..<19),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":") else { throw failure }
        var rest = bytes[19...]
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst().drop { $0 >= 48 && $0 <= 57 }
        }
        let zone = Array(rest)
        let zoneOK = zone == [UInt8(ascii: "Z")]
            || (zone.count == 6 && (zone[0] == UInt8(ascii: "+") || zone[0] == UInt8(ascii: "-")) && zone[3] == UInt8(ascii: ":"))
        guard zoneOK else { throw failure }
        return day
    }

    /// Whole years from `birth` to `day`: the age on that day.
    public static func age(born birth: Day, on day: Day) -> Int {
        let b = birth.components, d = day.components
        var years = d.year - b.year
        if (d.month, d.day) < (b.month, b.day) { years -= 1 }
        return years
    }
}

import Eligibility

/// A national person number in `Patient.identifier`: it says which country's registry
/// the patient is in and, by the published rules of each number, the birth date.
enum NationalIdentifier: String, Sendable, CaseIterable {
    /// Danish CPR number, DDMMYY-SSSS (`urn:oid:1.2.208.176.1.2`, as DK-core writes it).
    case cpr = "urn:oid:1.2.208.176.1.2"
    /// Swedish personnummer, YYYYMMDDNNNC (`urn:oid:1.2.752.129.2.1.3.1`).
    case personnummer = "urn:oid:1.2.752.129.2.1.3.1"
    /// Norwegian fødselsnummer, DDMMYYIIICC (`urn:oid:2.16.578.1.12.4.1.4.1`).
    case fodselsnummer = "urn:oid:2.16.578.1.12.4.1.4.1"

    /// The country of the registry (the rules' `jurisdiction`).
    var country: String {
        switch self {
        case .cpr: return "DK"
        case .personnummer: return "SE"
        case .fodselsnummer: return "NO"
        }
    }

    /// The number's name, for notes on the card.
    var name: String {
        switch self {
        case .cpr: return "CPR number"
        case .personnummer: return "personnummer"
        case .fodselsnummer: return "fødselsnummer"
        }
    }

    /// The birth date the number encodes; nil when it is malformed or fails its check
    /// digits (the country still holds: the registry named is the patient's).
    /// - Parameter day: the evaluation date, which places a 10-digit personnummer's century.
    func birthDate(_ value: String, on day: Day) -> Day? {
        let digits = value.compactMap(\.wholeNumberValue)
        switch self {
        case .cpr: return Self.cpr(digits, raw: value)
        case .personnummer: return Self.personnummer(digits, raw: value, on: day)
        case .fodselsnummer: return Self.fodselsnummer(digits, raw: value)
        }
    }

    private static func number(_ digits: ArraySlice<Int>) -> Int { digits.reduce(0) { $0 * 10 + $1 } }

    /// CPR: the century follows from the seventh digit and the year (CPR-kontoret's
    /// table). No modulus-11 check: numbers issued since 2007 need not pass it.
    private static func cpr(_ d: [Int], raw: String) -> Day? {
        guard d.count == 10, raw.allSatisfy({ $0.isNumber || $0 == "-" }) else { return nil }
        let yy = number(d[4..<6]), seventh = d[6]
        let century: Int
        switch seventh {
        case 0...3: century = 1900
        case 4, 9: century = yy <= 36 ? 2000 : 1900
        default: century = yy <= 57 ? 2000 : 1800
        }
        return Day(year: century + yy, month: number(d[2..<4]), day: number(d[0..<2]))
    }

    /// Personnummer: twelve digits with the century, or ten with `-` (under 100 years
    /// old) or `+` (100 or over); the last digit is a Luhn check over the ten-digit form.
    private static func personnummer(_ d: [Int], raw: String, on day: Day) -> Day? {
        guard d.count == 10 || d.count == 12 else { return nil }
        let ten = Array(d.suffix(10))
        let sum = ten.enumerated().reduce(0) { total, item in
            let doubled = item.offset % 2 == 0 ? item.element * 2 : item.element
            return total + doubled / 10 + doubled % 10
        }
        guard sum % 10 == 0 else { return nil }
        let yy = number(ten[0..<2]), month = number(ten[2..<4]), date = number(ten[4..<6])
        if d.count == 12 { return Day(year: number(d[0..<4]), month: month, day: date) }
        // Ten digits: the latest year ending in YY that puts the birth on or before the
        // evaluation date; '+' marks a hundred years more.
        let now = day.components.year
        var year = now - (now - yy) % 100
        if let born = Day(year: year, month: month, day: date), born > day { year -= 100 }
        if raw.contains("+") { year -= 100 }
        return Day(year: year, month: month, day: date)
    }

    /// Fødselsnummer: two modulus-11 check digits; the century from the individual number
    /// (digits 7-9) and the year, by Skatteetaten's table.
    private static func fodselsnummer(_ d: [Int], raw: String) -> Day? {
        guard d.count == 11, raw.allSatisfy(\.isNumber) else { return nil }
        func check(_ weights: [Int]) -> Int? {
            let rest = 11 - zip(weights, d).reduce(0) { $0 + $1.0 * $1.1 } % 11
            return rest == 11 ? 0 : rest == 10 ? nil : rest
        }
        guard check([3, 7, 6, 1, 8, 9, 4, 5, 2]) == d[9], check([5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) == d[10] else { return nil }
        let yy = number(d[4..<6]), individual = number(d[6..<9])
        let century: Int
        switch individual {
        case 0...499: century = 1900
        case 500...749 where yy >= 54: century = 1800
        case 500...999 where yy <= 39: century = 2000
        case 900...999 where yy >= 40: century = 1900
        default: return nil
        }
        return Day(year: century + yy, month: number(d[2..<4]), day: number(d[0..<2]))
    }
}

import Eligibility
@testable import EligibilityServer
import Testing

/// National person numbers give the country and, by each number's published rules, the
/// birth date; a number that fails its check gives no birth date.
@Suite struct NationalIdentifierTests {
    static let day = Day(year: 2026, month: 11, day: 23)!

    @Test(arguments: [
        // CPR: the seventh digit and the year place the century.
        (NationalIdentifier.cpr, "140397-1234", Day(year: 1997, month: 3, day: 14)),
        (.cpr, "0101054321", Day(year: 2005, month: 1, day: 1)),
        (.cpr, "0101574321", Day(year: 1957, month: 1, day: 1)),
        (.cpr, "0101575321", Day(year: 2057, month: 1, day: 1)),
        (.cpr, "0101585321", Day(year: 1858, month: 1, day: 1)),
        (.cpr, "3102971234", nil),
        // Personnummer: twelve digits, or ten with - or +; Luhn check digit.
        (.personnummer, "198805122382", Day(year: 1988, month: 5, day: 12)),
        (.personnummer, "880512-2382", Day(year: 1988, month: 5, day: 12)),
        (.personnummer, "880512+2382", Day(year: 1888, month: 5, day: 12)),
        // Born later in the year than the evaluation date: last century.
        (.personnummer, "261231-0009", Day(year: 1926, month: 12, day: 31)),
        (.personnummer, "198805122383", nil),
        // Fødselsnummer: two modulus-11 check digits; the individual number places the century.
        (.fodselsnummer, "15088512313", Day(year: 1985, month: 8, day: 15)),
        (.fodselsnummer, "15088512314", nil),
        (.fodselsnummer, "1508851231", nil),
    ] as [(NationalIdentifier, String, Day?)])
    func birthDates(_ kind: NationalIdentifier, _ value: String, _ born: Day?) {
        #expect(kind.birthDate(value, on: Self.day) == born)
    }

    @Test func countries() {
        #expect(NationalIdentifier.allCases.map(\.country) == ["DK", "SE", "NO"])
    }
}

import Eligibility

extension RecordFacts {
    /// Countries written in `Patient.address.country` (ISO 3166 alpha-2 or alpha-3, or
    /// the name in English or the country's language), by jurisdiction.
    static let countries: [String: String] = [
        "DK": "DK", "DNK": "DK", "DENMARK": "DK", "DANMARK": "DK",
        "SE": "SE", "SWE": "SE", "SWEDEN": "SE", "SVERIGE": "SE",
        "NO": "NO", "NOR": "NO", "NORWAY": "NO", "NORGE": "NO",
    ]

    /// `Patient.birthDate` → `age` on the evaluation date; the home address's `country`
    /// → `jurisdiction`; else the national person number (CPR, personnummer,
    /// fødselsnummer) gives the country and, without a birth date, the age; else the
    /// deployment's default country. `generalPractitioner` → `gp.listed`.
    mutating func readPatient(_ patient: FHIRElement, defaultCountry: String?, on day: Day, into writer: inout FactWriter) throws(FHIRError) {
        try patient.expectResource("Patient")
        let number = try nationalNumber(patient, on: day)
        if let text = try patient.string("birthDate") {
            let path = patient.path + ".birthDate"
            if let born = try FHIRDate.day(text, at: path, allowTime: false) {
                guard born <= day else {
                    throw FHIRError(path: path, message: "after the evaluation date \(day)")
                }
                writer.set("age", .integer(FHIRDate.age(born: born, on: day)), from: path)
            } else if let (born, path) = number?.born, born <= day {
                writer.set("age", .integer(FHIRDate.age(born: born, on: day)), from: path)
            } else {
                unread.append("the birth date gives no day, so the age is not known")
            }
        } else if let (born, path) = number?.born, born <= day {
            writer.set("age", .integer(FHIRDate.age(born: born, on: day)), from: path)
        }
        if let (country, path) = try homeCountry(patient, on: day) {
            if let code = Self.countries[country.uppercased()] {
                writer.set("jurisdiction", .string(code), from: path)
            } else {
                unread.append("the address country is not Denmark, Sweden or Norway")
            }
        } else if let number {
            writer.set("jurisdiction", .string(number.kind.country), from: number.path)
        } else if let defaultCountry {
            writer.set("jurisdiction", .string(defaultCountry), from: "serve --default-country")
        }
        let doctors = try patient.array("generalPractitioner")
        generalPractitioner = try FHIRReference.first(doctors)
        if !doctors.isEmpty {
            // A named GP or practice is the listing; its absence says nothing (many records
            // keep it elsewhere), so the fact then stays unknown, not false.
            writer.set("gp.listed", .bool(true), from: patient.path + ".generalPractitioner")
        }
    }

    /// The first national person number of `Patient.identifier`, with the birth date it
    /// encodes when its checks pass.
    private mutating func nationalNumber(_ patient: FHIRElement, on day: Day) throws(FHIRError)
        -> (kind: NationalIdentifier, path: String, born: (Day, String)?)? {
        for identifier in try patient.array("identifier") {
            guard identifier.node.pairs != nil else { throw identifier.error("expected an Identifier object, found \(identifier.node.kindDescription)") }
            guard let system = try identifier.string("system"), let kind = NationalIdentifier(rawValue: system),
                  let value = try identifier.string("value") else { continue }
            let born = kind.birthDate(value, on: day)
            if born == nil { unread.append("the \(kind.name) at \(identifier.path) gives no birth date (malformed or its check fails)") }
            return (kind, identifier.path, born.map { ($0, identifier.path) })
        }
        return nil
    }

    /// The country of the address in use on `day`: the home address first, else the first
    /// address that names a country.
    private func homeCountry(_ patient: FHIRElement, on day: Day) throws(FHIRError) -> (String, String)? {
        var found: [(use: String?, country: String, path: String)] = []
        for address in try patient.array("address") {
            guard address.node.pairs != nil else { throw address.error("expected an Address object, found \(address.node.kindDescription)") }
            if let end = try address.object("period")?.string("end"),
               let last = try FHIRDate.day(end, at: address.path + ".period.end", allowTime: true), last < day { continue }
            guard let country = try address.string("country") else { continue }
            found.append((try address.string("use"), country, address.path + ".country"))
        }
        guard let chosen = found.first(where: { $0.use == "home" }) ?? found.first else { return nil }
        return (chosen.country, chosen.path)
    }
}

import Eligibility

extension RecordFacts {
    /// Countries written in `Patient.address.country` (ISO 3166 alpha-2 or alpha-3, or
    /// the name in English or the country's language), by jurisdiction.
    static let countries: [String: String] = [
        "DK": "DK", "DNK": "DK", "DENMARK": "DK", "DANMARK": "DK",
        "SE": "SE", "SWE": "SE", "SWEDEN": "SE", "SVERIGE": "SE",
        "NO": "NO", "NOR": "NO", "NORWAY": "NO", "NORGE": "NO",
    ]

    /// `Patient.birthDate` → `age` on the evaluation date; the home address's
    /// `country` → `jurisdiction`.
    mutating func readPatient(_ patient: FHIRElement, on day: Day, into writer: inout FactWriter) throws(FHIRError) {
        try patient.expectResource("Patient")
        if let text = try patient.string("birthDate") {
            let path = patient.path + ".birthDate"
            if let born = try FHIRDate.day(text, at: path, allowTime: false) {
                guard born <= day else {
                    throw FHIRError(path: path, message: "after the evaluation date \(day)")
                }
                writer.set("age", .integer(FHIRDate.age(born: born, on: day)), from: path)
            } else {
                unread.append("the birth date gives no day, so the age is not known")
            }
        }
        if let (country, path) = try homeCountry(patient, on: day) {
            if let code = Self.countries[country.uppercased()] {
                writer.set("jurisdiction", .string(code), from: path)
            } else {
                unread.append("the address country is not Denmark, Sweden or Norway")
            }
        }
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

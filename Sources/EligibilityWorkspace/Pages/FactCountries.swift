import Eligibility

/// Which countries' rules ask each fact, found from the rules in force: the facts each rule
/// set's conditions read (criteria, prerequisites' conditions, actions' conditions, effects,
/// costs, needs and alerts), a derived fact counting for the facts it is computed from.
///
/// A fact read by a rule set of no country (`common/`), or by the rules of every country,
/// is common to all. A fact no rule reads belongs to the country of the file declaring it
/// (common when that file has none). So `gp.in_care_manager_project`, declared with the
/// contract's facts but read only by `dk/` rules, is Danish.
struct FactCountries: Sendable {
    /// The countries the rules are written for, in the `jurisdiction` fact's order.
    let countries: [String]
    /// The countries whose rules read each fact; "" for a rule set of no country.
    private let readers: [String: Set<String>]
    private let declaredIn: [String: String?]

    init(_ library: RuleLibrary) {
        countries = library.jurisdictions
        var inputs: [String: [String]] = [:]
        for derived in library.derived {
            switch derived.rule {
            case .cases(let cases, _): inputs[derived.name] = cases.flatMap { $0.when.comparisons.map(\.fact) }
            case .daysSince(let fact, _): inputs[derived.name] = [fact]
            }
        }
        var readers: [String: Set<String>] = [:]
        func read(_ fact: String, by country: String, seen: Set<String> = []) {
            guard !seen.contains(fact) else { return }
            readers[fact, default: []].insert(country)
            for input in inputs[fact] ?? [] { read(input, by: country, seen: seen.union([fact])) }
        }
        func read(_ condition: Condition?, by country: String) {
            for comparison in condition?.comparisons ?? [] { read(comparison.fact, by: country) }
        }
        for set in library.ruleSets {
            let own = set.jurisdiction ?? ""
            for service in set.services {
                let country = service.jurisdiction ?? own
                read(service.criteria, by: country)
                for prerequisite in service.requires { read(prerequisite.when, by: country) }
                for effect in service.effects { read(effect.fact, by: country) }
                read(service.patientCost?.unaffordableWhen, by: country)
            }
            for action in set.actions {
                let country = action.jurisdiction ?? own
                read(action.when, by: country)
                for prerequisite in action.requires { read(prerequisite.when, by: country) }
                for effect in action.effects { read(effect.fact, by: country) }
            }
            for need in set.needs { read(need.when, by: own) }
            for alert in set.alerts { read(alert.when, by: alert.jurisdiction ?? own) }
        }
        self.readers = readers
        let countryOf = Dictionary(library.ruleSets.map { ($0.file, $0.jurisdiction) }, uniquingKeysWith: { a, _ in a })
        var declaredIn: [String: String?] = [:]
        for name in library.catalog.names {
            if let entry = library.catalog[name] { declaredIn[name] = countryOf[entry.origin.file] ?? nil }
        }
        self.declaredIn = declaredIn
    }

    /// The countries whose rules ask `fact`; nil when it is common to all.
    func countries(of fact: String) -> Set<String>? {
        guard let read = readers[fact] else {
            return (declaredIn[fact] ?? nil).map { [$0] }
        }
        if read.contains("") || countries.allSatisfy(read.contains) { return nil }
        return read
    }

    /// Whether the form asks `fact` for a patient of `country` (nil: no country yet, when
    /// only the facts common to all countries are asked).
    func asks(_ fact: String, country: String?) -> Bool {
        guard let own = countries(of: fact) else { return true }
        guard let country else { return false }
        return own.contains(country)
    }
}

public import Eligibility

/// The facts a CDS Hooks call's FHIR R4 resources state about the patient, mapped by the
/// table in `docs/FHIR.md`. A fact the resources do not state stays unknown: nothing is
/// guessed, and the open questions name what is missing.
public struct RecordFacts: Sendable {
    /// `context.patientId`.
    public var patientId: String
    /// The facts read, by name (only facts the rules in force declare, with their types).
    public var facts: [String: FactValue] = [:]
    /// Where each fact came from: fact name → the element's path in the call.
    public var origins: [String: String] = [:]
    /// Things in the record that were seen but could not be used, in plain words (a
    /// partial birth date, a diagnosis coded only in an unread system).
    public var unread: [String] = []
    /// What the GP should know about how the record was read (a condition without a
    /// status read as active, an unconfirmed diagnosis, a list that may be incomplete).
    public var notes: [String] = []
    /// The services being ordered (order-select), from the draft ServiceRequests.
    public var orders: [Order] = []
    /// Draft ServiceRequests that name no service the order map knows: their path and
    /// codes (never a patient value), for one log line each.
    public var unmappedOrders: [String] = []
    /// The patient's GP or practice (`Patient.generalPractitioner`, the first): whose the
    /// GP's steps are (`Task.owner`).
    public var generalPractitioner: FHIRReference?
    /// The user calling (`context.userId`, `Practitioner/123`) when it can request a Task
    /// (`Task.requester`): a Practitioner, PractitionerRole, Patient or RelatedPerson.
    public var user: FHIRReference?

    /// A draft ServiceRequest and the services it asks for.
    public struct Order: Sendable, Hashable {
        /// `context.draftOrders.entry[0].resource`.
        public var path: String
        /// The ServiceRequest's id, when it has one.
        public var resourceId: String?
        /// Service ids in rule order.
        public var services: [String]
        /// The order names a service only once the patient's country is known.
        public var awaitsCountry: Bool = false
    }

    /// True when some order asks something of these rules (an order of another kind, such
    /// as a medication, asks nothing and gets no card, not even "no country").
    public var concernsTheRules: Bool { orders.contains { !$0.services.isEmpty || $0.awaitsCountry } }

    /// The patient as the engine reads it, evaluated on `day`.
    public func patient(on day: Day) -> Patient {
        Patient(id: patientId, asOf: day, facts: facts)
    }

    /// Reads `context` and `prefetch` of a CDS Hooks request.
    /// - Parameters:
    ///   - request: the whole request body.
    ///   - library: the rules in force (which facts exist, which services an order names).
    ///   - settings: the order map and the default country.
    ///   - day: the evaluation date (ages are counted to it).
    ///   - fetched: what this service fetched from the FHIR server for prefetch keys the
    ///     call lacked; it stands in for those keys.
    /// - Throws: the first element that breaks FHIR R4 or the CDS Hooks request shape.
    public static func read(_ request: FHIRElement, library: RuleLibrary, settings: RecordSettings = RecordSettings(),
                            on day: Day, fetched: FetchedRecord = FetchedRecord()) throws(FHIRError) -> RecordFacts {
        let (context, patientId) = try Self.context(request)
        var record = RecordFacts(patientId: patientId)
        record.user = FHIRReference.typed(try context.string("userId"), ["Practitioner", "PractitionerRole", "Patient", "RelatedPerson"])
        var writer = FactWriter(catalog: library.catalog)
        let prefetch = try request.object("prefetch")
        let sent = try prefetch?.object("patient")
        guard let patient = fetched.patient ?? sent, !Self.isOutcome(patient) else {
            throw FHIRError(path: "prefetch.patient", message: "missing; the record system must send the prefetch templates of GET /cds-services")
        }
        if let id = try patient.string("id"), id != patientId {
            throw FHIRError(path: "prefetch.patient.id", message: "differs from context.patientId: the prefetched Patient is not the patient of the call")
        }
        try record.readPatient(patient, defaultCountry: settings.defaultCountry, on: day, into: &writer)
        record.notes += fetched.notes
        if let conditions = try record.search(prefetch, "conditions", what: "the conditions", fetched: fetched) {
            try record.readConditions(conditions, on: day, into: &writer)
        }
        if let consents = try record.search(prefetch, "consents", what: "the consents", fetched: fetched) {
            try record.readConsents(consents, on: day, into: &writer)
        }
        if let orders = try context.object("draftOrders") {
            let country: String?
            if case .string(let code) = writer.facts["jurisdiction"] { country = code } else { country = nil }
            try record.readOrders(orders, selections: try Self.selections(context), library: library, map: settings.orderMap,
                                  country: country, into: &writer)
        }
        record.facts = writer.facts
        record.origins = writer.origins
        return record
    }

    /// The orders of an order-select call alone, read before the patient (whose country is
    /// not known yet): enough to tell whether any order asks something of these rules
    /// (``concernsTheRules``) and which name no service (``unmappedOrders``).
    public static func orders(_ request: FHIRElement, library: RuleLibrary, settings: RecordSettings = RecordSettings()) throws(FHIRError) -> RecordFacts {
        let (context, patientId) = try Self.context(request)
        var record = RecordFacts(patientId: patientId)
        var writer = FactWriter(catalog: library.catalog)
        if let orders = try context.object("draftOrders") {
            try record.readOrders(orders, selections: try Self.selections(context), library: library, map: settings.orderMap,
                                  country: nil, into: &writer)
        }
        return record
    }

    /// `context`, and its `patientId`.
    private static func context(_ request: FHIRElement) throws(FHIRError) -> (FHIRElement, String) {
        guard let context = try request.object("context") else {
            throw FHIRError(path: "context", message: "missing; a CDS Hooks request carries the hook's context")
        }
        guard let patientId = try context.string("patientId") else {
            throw FHIRError(path: "context.patientId", message: "missing; the hook's context names the patient")
        }
        return (context, patientId)
    }

    /// `context.selections`: the orders just selected, as `Type/id`.
    private static func selections(_ context: FHIRElement) throws(FHIRError) -> Set<String> {
        Set(try context.array("selections").map { item throws(FHIRError) in
            guard let text = item.node.scalar?.text else { throw item.error("expected a string Type/id, found \(item.node.kindDescription)") }
            return text
        })
    }

    /// An OperationOutcome where a prefetch result belongs: CDS Hooks 2.0 lets the record
    /// system send one when its query failed, so the result counts as missing.
    static func isOutcome(_ element: FHIRElement) -> Bool {
        element.node["resourceType"]?.scalar?.text == "OperationOutcome"
    }

    /// The resources of the search `key`: fetched by this service (with its notes), else
    /// the prefetch Bundle; nil when absent, null or an OperationOutcome (then said on the
    /// cards, since what it would have given is unknown). A prefetch Bundle with a next page
    /// is read, with a note that the list may be incomplete.
    mutating func search(_ prefetch: FHIRElement?, _ key: String, what: String, fetched: FetchedRecord) throws(FHIRError) -> [FHIRElement]? {
        if let search = fetched.searches[key] {
            notes += search.notes
            return search.resources
        }
        guard let bundle = try prefetch?.object(key) else { return nil }
        guard !Self.isOutcome(bundle) else {
            notes.append("\(what) could not be fetched (the record system sent an OperationOutcome for prefetch.\(key)), so they are unknown")
            return nil
        }
        for link in try bundle.array("link") where try link.string("relation") == "next" {
            notes.append("\(what) are only the first page of the search (prefetch.\(key) has a next link), so the list may be incomplete")
            break
        }
        return try Self.resources(of: bundle)
    }

    /// The resources of a searchset Bundle (entries without a resource are skipped).
    static func resources(of bundle: FHIRElement) throws(FHIRError) -> [FHIRElement] {
        try bundle.expectResource("Bundle")
        var resources: [FHIRElement] = []
        for entry in try bundle.array("entry") {
            if let resource = try entry.object("resource") { resources.append(resource) }
        }
        return resources
    }
}

/// Sets facts only as the rules declare them, remembering where each came from.
struct FactWriter {
    let catalog: FactCatalog
    var facts: [String: FactValue] = [:]
    var origins: [String: String] = [:]

    /// Sets `name` when the rules declare it with a type that takes `value`.
    mutating func set(_ name: String, _ value: FactValue, from path: String) {
        guard let entry = catalog[name], !entry.isDerived else { return }
        switch (entry.type, value) {
        case (.bool, .bool), (.integer, .integer), (.number, .number), (.string, .string), (.date, .date): break
        case (.number, .integer(let v)):
            facts[name] = .number(Double(v)); origins[name] = path; return
        case (.enumeration(let values), .string(let v)) where values.contains(v): break
        default: return
        }
        if let number = value.numeric {
            if let min = entry.min, number < min { return }
            if let max = entry.max, number > max { return }
        }
        facts[name] = value
        origins[name] = path
    }
}

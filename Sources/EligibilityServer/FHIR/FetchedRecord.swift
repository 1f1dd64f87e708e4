/// What this service fetched itself from the record system's FHIR server for prefetch
/// keys the call lacked. Each resource's path names the prefetch key it stands for
/// (`prefetch.conditions.entry[3].resource`), so that the cards read the same whether the
/// record system sent a result or this service fetched it.
public struct FetchedRecord: Sendable {
    /// `Patient/{id}`, when fetched.
    public var patient: FHIRElement?
    /// The searches fetched, by prefetch key (`conditions`, `consents`).
    public var searches: [String: Search] = [:]
    /// What the cards say about results neither sent nor fetched.
    public var notes: [String] = []

    /// One search, its pages read together.
    public struct Search: Sendable {
        /// The resources of every page read, in order.
        public var resources: [FHIRElement] = []
        /// Why the list may be incomplete or is missing: a page limit, a failed query.
        public var notes: [String] = []
        /// `resources[fetchedFrom...]` were fetched; those before came in the call (its
        /// first page of the search).
        public var fetchedFrom: Int

        public init(resources: [FHIRElement] = [], notes: [String] = []) {
            self.resources = resources
            self.notes = notes
            fetchedFrom = resources.count
        }
    }

    public init() {}

    /// True when `path` lies in a result this service fetched (an error there is the FHIR
    /// server's, not the call's).
    public func holds(_ path: String) -> Bool {
        let steps = path.split(separator: ".", maxSplits: 2)
        guard steps.count > 1, steps[0] == "prefetch" else { return false }
        if steps[1] == "patient" { return patient != nil }
        guard let search = searches[String(steps[1])] else { return false }
        return search.resources[search.fetchedFrom...].contains { path == $0.path || path.hasPrefix($0.path + ".") }
    }
}

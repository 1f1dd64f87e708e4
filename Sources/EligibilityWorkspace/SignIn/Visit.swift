/// Who the request being answered comes from, for the length of its handler: set by the
/// routes' wrapper (``CasePages`` and ``CaseAPI``) once the gate has let the request in,
/// read where cases are reached (``CaseDesk``) and where pages say who is signed in.
enum Visit {
    @TaskLocal static var access: Access?

    /// The desk of the current request's member.
    /// - Throws: `VisitError` when called outside a request the gate let in (a bug).
    static func desk(_ service: CaseService) throws -> CaseDesk {
        guard let access else { throw VisitError() }
        return CaseDesk(service: service, access: access)
    }
}

/// Cases were reached outside a request the gate let in.
struct VisitError: Error, CustomStringConvertible {
    var description: String { "cases were reached without a member: the route is missing the sign-in gate" }
}

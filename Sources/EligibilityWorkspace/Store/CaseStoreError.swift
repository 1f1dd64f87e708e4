/// Why the case store refused a request.
public enum CaseStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No case has this id (or it was deleted).
    case notFound(id: Int64)
    /// The save started from an older version: someone else changed the case meanwhile.
    case staleVersion(id: Int64, given: Int, current: Int)
    /// The database file or its folder could not be made or opened.
    case unusable(path: String, reason: String)
    /// Another server holds the database (its lock file is locked).
    case inUse(path: String, lock: String)

    public var description: String {
        switch self {
        case .notFound(let id): return "no case \(id)"
        case .staleVersion(let id, let given, let current):
            return "case \(id) was changed by someone else: this save started from version \(given), the case is now at version \(current); reload it and make the change again"
        case .unusable(let path, let reason): return "\(path): error: cannot use the case database: \(reason)"
        case .inUse(let path, let lock):
            return "\(path): error: another eligcheck serve is using this case database (it holds \(lock)); two servers on one database would overwrite each other's evaluations: stop the other one, or give this one --db with another file"
        }
    }
}

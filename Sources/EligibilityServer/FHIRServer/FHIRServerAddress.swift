import Foundation

/// Where a FHIR server's token may go.
enum FHIRServerAddress {
    /// True when `link` (a searchset's `next`) lies on the server at `base`: the same
    /// scheme, host and port (its origin), a path under the base's, no `.` or `..` step
    /// and no user. A server that pages elsewhere is not followed there: the token would go
    /// along.
    static func isUnder(_ link: String, base: String) -> Bool {
        guard let target = URLComponents(string: link), let home = URLComponents(string: base),
              let scheme = target.scheme?.lowercased(), scheme == home.scheme?.lowercased(),
              let host = target.host?.lowercased(), !host.isEmpty, host == home.host?.lowercased(),
              port(target) == port(home), target.user == nil, target.password == nil else { return false }
        let steps = target.path.split(separator: "/", omittingEmptySubsequences: false)
        guard !steps.contains(where: { $0 == "." || $0 == ".." }) else { return false }
        let basePath = home.path.hasSuffix("/") ? String(home.path.dropLast()) : home.path
        return basePath.isEmpty || target.path == basePath || target.path.hasPrefix(basePath + "/")
    }

    private static func port(_ url: URLComponents) -> Int? {
        url.port ?? (url.scheme?.lowercased() == "https" ? 443 : url.scheme?.lowercased() == "http" ? 80 : nil)
    }
}

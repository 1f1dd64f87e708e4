import Foundation

/// A member's personal token for the JSON API (`Authorization: Bearer ...`) when sign-in
/// is on: scripts and record systems act as that member, with the teams and roles the
/// identity provider named when the token was made plus the admin's grants as they are now.
/// The secret is shown once; only its hash is stored. A token expires (at most
/// ``maxDays`` days) and its owner or an admin can revoke it.
public struct APIToken: Sendable, Hashable {
    public var id: Int64
    public var subject: String
    /// The owner's words for what the token is for ("nightly export").
    public var label: String
    /// UTC, ISO 8601.
    public var createdAt: String
    public var expiresAt: String
    public var revokedAt: String?

    /// The longest life of a token, in days.
    public static let maxDays = 90
    /// What a token's secret starts with, so a leaked one is recognised in a scan.
    static let prefix = "ecw_"

    /// Whether the token works at `now` (not revoked, not expired).
    public func isLive(at now: Date = Date()) -> Bool {
        revokedAt == nil && expiresAt > now.ISO8601Format()
    }

    /// Reads the token form's label and life in days; problems say what was expected.
    public static func read(label: String?, days: String?) -> Result<(label: String, days: Int), GrantProblems> {
        var problems: [String] = []
        let label = (label ?? "").trimmingCharacters(in: .whitespaces)
        if label.isEmpty { problems.append("label: expected a few words on what the token is for; found nothing") }
        if label.count > GrantRequest.maxLength { problems.append("label: expected at most \(GrantRequest.maxLength) characters; found \(label.count)") }
        if label.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            problems.append("label: expected plain text; found a control character")
        }
        let text = (days ?? "").trimmingCharacters(in: .whitespaces)
        let life = Int(text)
        if life == nil || !(1...maxDays).contains(life!) {
            problems.append("days: expected a whole number of days from 1 to \(maxDays); found \"\(text)\"")
        }
        guard problems.isEmpty, let life else { return .failure(GrantProblems(messages: problems)) }
        return .success((label, life))
    }
}

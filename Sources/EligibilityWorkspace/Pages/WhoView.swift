import Mustache

/// Who is using the workspace, for the line at the top of every page: the single-user
/// mode without sign-in says so; a signed-in member sees their name, roles and teams and
/// a sign-out button.
struct WhoView {
    var local: Bool
    var name: String
    var roles: String
    var teams: String
    var mayAudit: Bool
    var csrf: String
    /// Sign-in is on and the page is shown to nobody signed in (a sign-in error).
    var signedOut: Bool
    /// A member signed in (not the local user, not nobody): they may make API tokens.
    var signedIn: Bool

    init(_ member: Member?, csrf: String, signInRequired: Bool) {
        local = member?.isLocal ?? false
        name = member?.name ?? ""
        roles = member.map { $0.roles.map(\.rawValue).sorted().joined(separator: ", ") }.flatMap { $0.isEmpty ? nil : $0 } ?? "no role"
        teams = member.map { $0.teams.joined(separator: ", ") }.flatMap { $0.isEmpty ? nil : $0 } ?? "no team"
        mayAudit = member?.mayAudit ?? false
        self.csrf = csrf
        signedOut = member == nil && signInRequired
        signedIn = member.map { !$0.isLocal } ?? false
    }
}

/// A page's view with ``WhoView`` beside it as `who`, for the layout.
struct PageContext: MustacheParent {
    let view: Any
    let who: WhoView

    func child(named name: String) -> Any? {
        if name == "who" { return who }
        if let parent = view as? any MustacheParent { return parent.child(named: name) }
        guard let value = Mirror(reflecting: view).children.first(where: { $0.label == name })?.value else { return nil }
        // An optional property is its value, or nothing.
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}

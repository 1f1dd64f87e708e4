/// Why a sign-in did not complete; the message is shown on the page and logged (it holds
/// no patient data).
public struct SignInFailure: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

import Foundation
import Hummingbird

extension CasePages {
    /// Starts a sign-in: remembers its state, verifier and nonce, binds the state to this
    /// browser in a cookie, and sends the browser to the identity provider.
    func signIn(_ request: Request, origin: String) async throws -> Response {
        guard let provider = gate.provider else { return .seeOther("/") }
        let attempt = SignInAttempt()
        let back = Self.localPath(request.uri.queryParameters.get("return"))
        let address: String
        do throws(SignInFailure) {
            address = try await provider.authorizationURL(for: attempt)
        } catch {
            service.logger.error("sign-in could not start", metadata: ["reason": "\(error)"])
            return message("Sign-in is not available", "\(error). Try again later or tell your IT department.",
                           request: request, status: .badGateway)
        }
        try await service.store.rememberSignIn(attempt, returnTo: back)
        var response = Response.seeOther(address)
        response.setCookie(gate.cookie(Gate.signInCookie, attempt.state, maxAge: 600))
        return response
    }

    /// The provider's answer: checks that it belongs to this browser's sign-in, exchanges
    /// the code, starts the session and logs the sign-in.
    func signInCallback(_ request: Request, origin: String) async throws -> Response {
        guard let provider = gate.provider else { return .seeOther("/") }
        let query = request.uri.queryParameters
        if let error = query.get("error") {
            let detail = query.get("error_description").map { ": \($0)" } ?? ""
            return message("Not signed in", "The identity provider said \(error)\(detail).", request: request, status: .unauthorized,
                           back: "/signin", backText: "Sign in again")
        }
        guard let state = query.get("state"), let code = query.get("code"),
              request.cookies[Gate.signInCookie]?.value == state,
              let attempt = try await service.store.takeSignIn(state: state) else {
            return message("Not signed in", "This answer from the identity provider does not belong to a sign-in started in this browser in the last ten minutes.",
                           request: request, status: .badRequest, back: "/signin", backText: "Sign in again")
        }
        let member: Member
        do throws(SignInFailure) {
            member = try await provider.member(code: code, verifier: attempt.verifier, nonce: attempt.nonce)
        } catch {
            service.logger.warning("sign-in refused", metadata: ["reason": "\(error)"])
            return message("Not signed in", "\(error).", request: request, status: .unauthorized, back: "/signin", backText: "Sign in again")
        }
        let lifetime = provider.settings.sessionLifetime
        let token = try await service.store.startSession(for: member, until: Date().addingTimeInterval(lifetime))
        try await service.store.log(.signIn, case: nil, by: Access(member: member, origin: origin))
        service.logger.info("signed in", metadata: ["member": "\(member.subject)"])
        var response = Response.seeOther(attempt.returnTo)
        response.setCookie(gate.cookie(Gate.sessionCookie, token, maxAge: Int(lifetime)))
        response.setCookie(gate.cookie(Gate.signInCookie, "", maxAge: 0))
        return response
    }

    /// Ends the session (a form post with the CSRF token) and signs out at the provider too.
    func signOut(_ request: Request, origin: String) async throws -> Response {
        switch try await readForm(request) {
        case .success: break
        case .failure(let refusal): return refusal.response
        }
        if let token = request.cookies[Gate.sessionCookie]?.value, !token.isEmpty {
            if let member = try await service.store.member(ofSession: token) {
                try await service.store.log(.signOut, case: nil, by: Access(member: member, origin: origin))
            }
            try await service.store.endSession(token)
        }
        var response = Response.seeOther(await gate.provider?.endSessionURL() ?? "/")
        response.setCookie(gate.cookie(Gate.sessionCookie, "", maxAge: 0))
        return response
    }

    /// A path on this server to return to after sign-in; anything else (another site,
    /// `//host`) becomes the case list.
    static func localPath(_ text: String?) -> String {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\"),
              !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return "/" }
        return text
    }
}

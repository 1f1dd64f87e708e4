import Foundation

/// The token ids (`jti`) seen from each issuer, each kept until its token expires: a token
/// sent again within its lifetime is a replay. Tokens may live at most
/// ``ClientTokenCheck/longestLifetime``, so the window holds at most that much traffic; it
/// is also capped, and past the cap new tokens are refused rather than old ids forgotten.
actor ReplayWindow {
    static let capacity = 200_000

    private var expiries: [String: Date] = [:]
    private var lastSweep = Date.distantPast

    /// Records a token id: `.replayed` when it was seen before and has not expired,
    /// `.full` when the window holds ``capacity`` live ids.
    func admit(issuer: String, id: String, expires: Date, now: Date) -> Admission {
        let key = issuer + "\u{0}" + id
        if let expiry = expiries[key], expiry > now { return .replayed }
        if expiries.count >= Self.capacity || now.timeIntervalSince(lastSweep) > 60 {
            expiries = expiries.filter { $0.value > now }
            lastSweep = now
        }
        guard expiries.count < Self.capacity else { return .full }
        expiries[key] = expires
        return .admitted
    }

    enum Admission { case admitted, replayed, full }
}

import Foundation

/// The JWT check of CDS Hooks calls, with the key sets and token ids it keeps; made once
/// per server from the clients file. ``shutdown()`` closes the HTTPS client that fetches
/// the key sets.
public final class CDSClientTrust: Sendable {
    let check: ClientTokenCheck

    public init(_ clients: CDSClients) {
        check = ClientTokenCheck(clients: clients, keySets: KeySets(trustFile: clients.trustFile), replays: ReplayWindow())
    }

    public func shutdown() async {
        await check.keySets.shutdown()
    }
}

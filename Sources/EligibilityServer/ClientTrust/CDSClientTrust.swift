import Foundation

/// The JWT check of CDS Hooks calls, with the key sets and token ids it keeps, and the
/// queries of the clients' FHIR servers (their `fhir_servers`); made once per server from
/// the clients file. ``shutdown()`` closes the HTTPS clients that fetch key sets and FHIR
/// resources.
public final class CDSClientTrust: Sendable {
    let check: ClientTokenCheck
    let queries: FHIRQueries

    public init(_ clients: CDSClients) {
        check = ClientTokenCheck(clients: clients, keySets: KeySets(trustFile: clients.trustFile), replays: ReplayWindow())
        queries = FHIRQueries(trustFile: clients.trustFile)
    }

    /// The clients file.
    var clients: CDSClients { check.clients }

    public func shutdown() async {
        await check.keySets.shutdown()
        await queries.shutdown()
    }
}

import AsyncHTTPClient
import Eligibility
import Foundation
import NIOCore
import NIOSSL

/// Queries a record system's FHIR server for the prefetch results a CDS Hooks call lacks
/// (CDS Hooks 2.0, "FHIR Resource Access"), with the call's bearer token, within limits:
/// every query of one call together within ``timeout`` (and a connection within
/// ``connectTimeout``), an answer of at most ``maxBytes``, at most ``maxPages`` pages of a
/// search. Redirects are not followed, and a `next` link is followed only on the server's
/// own base (``FHIRServerAddress/isUnder(_:base:)``): the token goes nowhere else.
final class FHIRQueries: Sendable {
    static let maxPages = 5
    /// The largest answer read, as for a request body (1 MiB).
    static let maxBytes = ServerLimits.maxBodyBytes
    static let connectTimeout: TimeAmount = .seconds(3)
    static let timeout: TimeAmount = .seconds(8)

    private let http: HTTPClient

    /// - Parameter trustFile: PEM CA certificates trusted besides the system's (the CDS
    ///   clients file's `trust`).
    init(trustFile: String?) {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let trustFile { tls.additionalTrustRoots = [.file(trustFile)] }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: Self.connectTimeout, read: Self.timeout)
        http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    func shutdown() async {
        try? await http.shutdown()
    }

    /// Why a query gave nothing: `kind` for the log, `reason` for the GP and the client.
    struct Failure: Error, Sendable {
        var kind: String
        var reason: String
    }

    /// What one call's queries gave.
    struct Answers: Sendable {
        var record = FetchedRecord()
        /// The patient could not be fetched: the call cannot be answered (412).
        var patientFailure: Failure?
        /// Each query's outcome for the log: `ok` or why it stopped (a failure's kind,
        /// `page_limit`, `foreign_next`), and the pages of a search read.
        var outcomes: [(resource: String, outcome: String, pages: Int?)] = []
    }

    /// Fetches the results of `keys` for `patientId` (a FHIR id), and the next pages of
    /// the searches the record system sent a first page of (`continuing`), all at once.
    func fetch(_ keys: [PrefetchKey], continuing: [PrefetchKey: CDSCall.FirstPage] = [:], patientId: String,
               from server: FHIRServer) async -> Answers {
        let deadline = NIODeadline.now() + Self.timeout
        var answers = Answers()
        await withTaskGroup(of: (PrefetchKey, Result<FHIRElement, Failure>?, FetchedRecord.Search?, String, Int?).self) { group in
            for key in keys {
                group.addTask {
                    if key == .patient {
                        do throws(Failure) {
                            let patient = try await self.patient(patientId, server: server, deadline: deadline)
                            return (key, .success(patient), nil, "ok", nil)
                        } catch {
                            return (key, .failure(error), nil, error.kind, nil)
                        }
                    }
                    let first = SearchStart(address: server.base + "/" + key.query(patientId: patientId))
                    let (search, outcome, pages) = await self.search(key, from: first, server: server, deadline: deadline)
                    return (key, nil, search, outcome, pages)
                }
            }
            for (key, sent) in continuing {
                group.addTask {
                    let next = SearchStart(address: sent.next, page: 2, search: FetchedRecord.Search(resources: sent.resources), entries: sent.entries)
                    let (search, outcome, pages) = await self.search(key, from: next, server: server, deadline: deadline)
                    return (key, nil, search, outcome, pages)
                }
            }
            for await (key, patient, search, outcome, pages) in group {
                switch patient {
                case .success(let element): answers.record.patient = element
                case .failure(let failure): answers.patientFailure = failure
                case nil: break
                }
                if let search { answers.record.searches[key.rawValue] = search }
                answers.outcomes.append((key.resourceType, outcome, pages))
            }
        }
        answers.outcomes.sort { $0.resource < $1.resource }
        return answers
    }

    /// `Patient/{id}`: a Patient, and that patient.
    private func patient(_ id: String, server: FHIRServer, deadline: NIODeadline) async throws(Failure) -> FHIRElement {
        let node = try await get(server.base + "/" + PrefetchKey.patient.query(patientId: id), server: server, deadline: deadline)
        let type = node["resourceType"]?.scalar?.text
        guard type == "Patient" else {
            throw Failure(kind: "not_a_patient", reason: "its answer is \(type.map { "a \($0)" } ?? "no FHIR resource"), not a Patient")
        }
        if let found = node["id"]?.scalar?.text, found != id {
            throw Failure(kind: "other_patient", reason: "its answer is Patient/\(found), not Patient/\(id)")
        }
        return FHIRElement(node: node, path: "prefetch.patient")
    }

    /// Where a search goes on from: its query (page 1), or the next page of a first page
    /// the record system sent, with that page's resources.
    struct SearchStart {
        var address: String
        var page = 1
        var search = FetchedRecord.Search()
        var entries = 0
    }

    /// A search, its `next` pages followed up to ``maxPages`` and only on the server's
    /// base: the resources of every page read, and a note when the list may be incomplete
    /// or is missing.
    /// - Returns: the search, its outcome for the log, and the pages read.
    private func search(_ key: PrefetchKey, from start: SearchStart, server: FHIRServer, deadline: NIODeadline) async -> (FetchedRecord.Search, String, Int) {
        let path = "prefetch.\(key.rawValue)"
        var search = start.search
        var entries = start.entries
        var address = start.address
        var page = start.page
        while true {
            let read = page - 1
            guard page <= Self.maxPages else {
                search.notes.append("\(key.what) are only the first \(Self.pages(read)) of the search (stopped after \(read) pages from the FHIR server), so the list may be incomplete")
                return (search, "page_limit", read)
            }
            guard page == 1 || FHIRServerAddress.isUnder(address, base: server.base) else {
                search.notes.append("\(key.what) are only the first \(Self.pages(read)) of the search (the next page's address is not on the FHIR server, so it was not fetched), so the list may be incomplete")
                return (search, "foreign_next", read)
            }
            let next: String?
            do {
                let bundle = FHIRElement(node: try await get(address, server: server, deadline: deadline), path: path)
                // A page is taken whole or not at all.
                var withPage = search, count = entries
                next = try Self.read(bundle, into: &withPage, entries: &count)
                search = withPage
                entries = count
            } catch {
                if page == 1 {
                    search.notes.append("\(key.what) could not be fetched from the FHIR server (\(error.reason)), so they are unknown")
                } else {
                    search.notes.append("\(key.what) are only the first \(Self.pages(read)) of the search (page \(page) could not be fetched from the FHIR server: \(error.reason)), so the list may be incomplete")
                }
                return (search, error.kind, read)
            }
            guard let next else { return (search, "ok", page) }
            address = next
            page += 1
        }
    }

    /// Adds a searchset page's resources, each at its place in the pages read together.
    /// - Returns: the page's `next` link.
    private static func read(_ bundle: FHIRElement, into search: inout FetchedRecord.Search, entries: inout Int) throws(Failure) -> String? {
        do throws(FHIRError) {
            try bundle.expectResource("Bundle")
            for entry in try bundle.array("entry") {
                if let resource = try entry.object("resource") {
                    search.resources.append(FHIRElement(node: resource.node, path: "\(bundle.path).entry[\(entries)].resource"))
                }
                entries += 1
            }
            for link in try bundle.array("link") where try link.string("relation") == "next" {
                return try link.string("url")
            }
            return nil
        } catch {
            throw Failure(kind: "not_a_bundle", reason: "its answer is not a searchset Bundle: \(error.path.dropFirst(bundle.path.count + 1)) \(error.message)")
        }
    }

    private static func pages(_ count: Int) -> String { count == 1 ? "page" : "\(count) pages" }

    /// One GET with the token, as JSON.
    private func get(_ address: String, server: FHIRServer, deadline: NIODeadline) async throws(Failure) -> YAMLNode {
        var request = HTTPClientRequest(url: address)
        request.headers.add(name: "Accept", value: "application/fhir+json")
        request.headers.add(name: "Authorization", value: "Bearer \(server.token)")
        let body: ByteBuffer
        do {
            let response = try await http.execute(request, deadline: deadline)
            guard response.status == .ok else {
                throw Failure(kind: "status_\(response.status.code)", reason: "it answered \(response.status.code)")
            }
            body = try await response.body.collect(upTo: Self.maxBytes)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Self.failure(error)
        }
        do {
            return try JSONDocument.parse(SourceText(name: "answer", bytes: Array(body.readableBytesView)))
        } catch {
            throw Failure(kind: "not_json", reason: "its answer is not JSON")
        }
    }

    private static func failure(_ error: any Error) -> Failure {
        if error is NIOTooManyBytesError {
            return Failure(kind: "too_large", reason: "its answer is larger than \(maxBytes) bytes")
        }
        if let error = error as? HTTPClientError, [.deadlineExceeded, .connectTimeout, .readTimeout].contains(error) {
            return Failure(kind: "timeout", reason: "it did not answer within \(timeout.nanoseconds / 1_000_000_000) s")
        }
        return Failure(kind: "unreachable", reason: "it could not be reached: \(error)")
    }
}

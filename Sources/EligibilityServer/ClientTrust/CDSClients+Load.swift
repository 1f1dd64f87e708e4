public import Eligibility
import Foundation

extension CDSClients {
    /// Reads the clients file.
    /// - Throws: every problem, each at `file:line:col` with the source line and a caret.
    public static func load(path: String) throws(LoadFailure) -> CDSClients {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadFailure([Diagnostic(file: path, location: nil, message: "cannot read the CDS clients file")], cause: .unreadable)
        }
        return try parse(SourceText(name: path, bytes: Array(data)))
    }

    /// Reads the clients file's text (see ``load(path:)``).
    public static func parse(_ source: SourceText) throws(LoadFailure) -> CDSClients {
        let root: YAMLNode?
        do {
            root = try YAMLDocument.parse(source)
        } catch {
            throw LoadFailure([error])
        }
        var reader = CDSClientsReader(source: source)
        guard let root else { throw LoadFailure([source.diagnostic("the CDS clients file is empty", at: nil)]) }
        let clients = reader.read(root)
        guard reader.problems.isEmpty, let clients else { throw LoadFailure(reader.problems) }
        return clients
    }
}

/// Reads a clients file, collecting every problem with its place.
struct CDSClientsReader {
    let source: SourceText
    var problems: [Diagnostic] = []

    mutating func complain(_ message: String, at location: SourceLocation?) {
        problems.append(source.diagnostic(message, at: location))
    }

    mutating func read(_ root: YAMLNode) -> CDSClients? {
        guard let pairs = root.pairs else {
            complain("the CDS clients file must be a mapping, found \(root.kindDescription)", at: root.location)
            return nil
        }
        var serviceURL: String?
        var trust: String?
        var clients: [String: CDSClients.Client] = [:]
        var sawClients = false
        var sawServiceURL = false
        for pair in pairs {
            let key = pair.key.scalar?.text ?? ""
            switch key {
            case "service_url":
                sawServiceURL = true
                guard let text = url(pair.value, field: key, httpsOnly: false) else { continue }
                serviceURL = text.hasSuffix("/") ? String(text.dropLast()) : text
            case "trust":
                guard let text = scalar(pair.value, field: key) else { continue }
                if FileManager.default.isReadableFile(atPath: text) { trust = text } else {
                    complain("'trust' names a file that cannot be read: \(text)", at: pair.value.location)
                }
            case "clients":
                sawClients = true
                guard let items = pair.value.items, !items.isEmpty else {
                    complain("'clients' must be a list of at least one client, found \(pair.value.kindDescription)", at: pair.value.location)
                    continue
                }
                for item in items {
                    guard let client = client(item) else { continue }
                    if clients[client.issuer] != nil {
                        complain("a second client with iss '\(client.issuer)'; each issuer is listed once", at: item.location)
                    }
                    clients[client.issuer] = client
                }
            default:
                complain("unknown key '\(key)'; expected service_url, trust or clients", at: pair.key.location)
            }
        }
        if !sawServiceURL { complain("'service_url' is missing: the address record systems call this service at (the audience of their tokens)", at: root.location) }
        if !sawClients { complain("'clients' is missing: the record systems allowed to call", at: root.location) }
        guard let serviceURL else { return nil }
        return CDSClients(serviceURL: serviceURL, trustFile: trust, clients: clients)
    }

    private mutating func client(_ node: YAMLNode) -> CDSClients.Client? {
        guard let pairs = node.pairs else {
            complain("a client must be a mapping with iss and jwks, found \(node.kindDescription)", at: node.location)
            return nil
        }
        var issuer: String?
        var keySets: [String] = []
        var subjects: [String] = []
        var fhirServers: [String] = []
        for pair in pairs {
            let key = pair.key.scalar?.text ?? ""
            switch key {
            case "iss": issuer = scalar(pair.value, field: key)
            case "jwks": keySets = list(pair.value, field: key).compactMap { url($0, field: key, httpsOnly: true) }
            case "sub": subjects = list(pair.value, field: key).compactMap { scalar($0, field: key) }
            case "fhir_servers": fhirServers = list(pair.value, field: key).compactMap { fhirServer($0) }
            default:
                complain("unknown key '\(key)'; expected iss, jwks, sub or fhir_servers", at: pair.key.location)
            }
        }
        if issuer == nil { complain("a client needs 'iss': the issuer its tokens name", at: node.location) }
        if keySets.isEmpty && !pairs.contains(where: { $0.key.scalar?.text == "jwks" }) {
            complain("a client needs 'jwks': the HTTPS address of its JWK Set", at: node.location)
        }
        guard let issuer, !keySets.isEmpty else { return nil }
        return CDSClients.Client(issuer: issuer, keySets: keySets, subjects: subjects, fhirServers: fhirServers)
    }

    /// A scalar or a list of scalars, as a list.
    private mutating func list(_ node: YAMLNode, field: String) -> [YAMLNode] {
        if node.scalar != nil { return [node] }
        guard let items = node.items, !items.isEmpty else {
            complain("'\(field)' must be a text or a list of texts, found \(node.kindDescription)", at: node.location)
            return []
        }
        return items
    }

    private mutating func scalar(_ node: YAMLNode, field: String) -> String? {
        guard let text = node.scalar?.text, !text.isEmpty else {
            complain("'\(field)' must be a non-empty text, found \(node.kindDescription)", at: node.location)
            return nil
        }
        return text
    }

    /// A FHIR server's base URL: `https://`, or `http://` on a loopback address (a test's
    /// server), with no query, fragment or user; the access tokens of calls go there.
    private mutating func fhirServer(_ node: YAMLNode) -> String? {
        guard let text = scalar(node, field: "fhir_servers") else { return nil }
        let parts = URLComponents(string: text)
        let scheme = parts?.scheme?.lowercased()
        let host = parts?.host ?? ""
        let allowed = scheme == "https" || (scheme == "http" && ServerSettings.isLoopback(host))
        guard let parts, allowed, !host.isEmpty, parts.query == nil, parts.fragment == nil, parts.user == nil, parts.password == nil else {
            complain("'fhir_servers' must be base URLs such as https://fhir.region.example/r4 (http:// only on a loopback address, for tests; no query or user), found '\(text)'", at: node.location)
            return nil
        }
        return text
    }

    private mutating func url(_ node: YAMLNode, field: String, httpsOnly: Bool) -> String? {
        guard let text = scalar(node, field: field) else { return nil }
        let schemes = httpsOnly ? ["https://"] : ["https://", "http://"]
        guard schemes.contains(where: { text.lowercased().hasPrefix($0) }), URL(string: text)?.host != nil else {
            complain("'\(field)' must be an \(httpsOnly ? "https://" : "http:// or https://") address, found '\(text)'", at: node.location)
            return nil
        }
        return text
    }
}

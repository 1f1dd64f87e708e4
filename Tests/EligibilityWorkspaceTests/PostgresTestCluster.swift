@testable import EligibilityWorkspace
import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL the store tests run on: the server `ELIGCHECK_TEST_POSTGRES` names
/// (postgres://USER@HOST:PORT/DATABASE, a role that may create databases), or else a
/// throwaway cluster started here (initdb into a temporary folder, loopback, as `nobody`
/// when the tests run as root), which a watchdog stops when this test process ends,
/// however it ends. Each store gets a database of its own.
///
/// When neither is possible the PostgreSQL tests are skipped with the reason printed,
/// unless `ELIGCHECK_REQUIRE_POSTGRES=1` (CI), where they fail.
enum PostgresTestCluster {
    enum Availability: Sendable {
        /// `certificate`: the PEM certificate (its own CA, for localhost and 127.0.0.1) the
        /// cluster offers TLS with, when it was started here and openssl could make one.
        case server(PostgresLocation, certificate: String?)
        case unavailable(String)
    }

    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    static let availability = Task<Availability, Never> { await find() }

    /// A new empty database, or nil (the reason printed) when there is no PostgreSQL to test on.
    static func newDatabase() async throws -> PostgresLocation? {
        switch await availability.value {
        case .unavailable(let reason):
            if ProcessInfo.processInfo.environment["ELIGCHECK_REQUIRE_POSTGRES"] == "1" {
                throw Unavailable(description: "ELIGCHECK_REQUIRE_POSTGRES=1 but no PostgreSQL to test on: \(reason)")
            }
            print("skipped on PostgreSQL: \(reason) (set ELIGCHECK_TEST_POSTGRES=postgres://... or install PostgreSQL)")
            return nil
        case .server(let server, _):
            var location = server
            location.database = "eligtest_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            let connection = try await PostgresConnection.connect(configuration: try server.connectionConfiguration(), id: 1,
                                                                  logger: Logger(label: "test"))
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(location.database)"), logger: Logger(label: "test"))
            try await connection.close()
            return location
        }
    }

    private static func find() async -> Availability {
        if let given = ProcessInfo.processInfo.environment["ELIGCHECK_TEST_POSTGRES"], !given.isEmpty {
            do {
                return .server(try PostgresLocation(url: given), certificate: nil)
            } catch {
                return .unavailable("ELIGCHECK_TEST_POSTGRES: \(error)")
            }
        }
        do {
            return try await startCluster()
        } catch {
            return .unavailable("\(error)")
        }
    }

    /// initdb and postgres from Debian's packages, the newest version installed.
    private static func binaries() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
            let bin = "\(root)/\(version)/bin"
            if FileManager.default.isExecutableFile(atPath: "\(bin)/initdb") { return bin }
        }
        throw Unavailable(description: "no \(root)/*/bin/initdb (Debian's postgresql package is not installed)")
    }

    /// The certificate of the test cluster's TLS, when it has TLS.
    static func certificate() async -> String? {
        if case .server(_, let certificate) = await availability.value { return certificate }
        return nil
    }

    private static func startCluster() async throws -> Availability {
        let bin = try binaries()
        var template = Array("/tmp/eligcheck-pg-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw Unavailable(description: "cannot make a temporary folder") }
        let folder = String(cString: made)
        // PostgreSQL refuses to run as root: as root, the cluster belongs to nobody.
        var prefix: [String] = []
        if getuid() == 0 {
            guard let nobody = getpwnam("nobody") else { throw Unavailable(description: "running as root and there is no user nobody") }
            guard chown(folder, nobody.pointee.pw_uid, nobody.pointee.pw_gid) == 0 else {
                throw Unavailable(description: "cannot give \(folder) to nobody")
            }
            prefix = ["/usr/bin/setpriv", "--reuid=\(nobody.pointee.pw_uid)", "--regid=\(nobody.pointee.pw_gid)", "--clear-groups", "--"]
        }
        let initdb = try run(prefix + ["\(bin)/initdb", "-D", "\(folder)/data", "-U", "eligtest", "--auth=trust", "-E", "UTF8", "--no-sync"])
        guard initdb.status == 0 else { throw Unavailable(description: "initdb failed (\(initdb.status)): \(initdb.output)") }
        let certificate = makeCertificate(in: folder, owner: prefix.isEmpty ? nil : getpwnam("nobody")?.pointee)
        let tls = certificate == nil ? "" : "-c ssl=on -c ssl_cert_file=\(folder)/server.pem -c ssl_key_file=\(folder)/server.key"
        let port = freePort()
        // The watchdog: the shell stops postgres and removes the folder once this process is gone.
        let script = """
            "\(bin)/postgres" -D "\(folder)/data" -p \(port) -k "\(folder)" -c listen_addresses=127.0.0.1 \
            -c fsync=off -c max_connections=400 \(tls) >"\(folder)/postgres.log" 2>&1 &
            pg=$!
            while [ -d /proc/\(getpid()) ] && kill -0 $pg 2>/dev/null; do sleep 1; done
            kill -INT $pg 2>/dev/null; wait $pg; rm -rf "\(folder)"
            """
        let server = Process()
        server.executableURL = URL(fileURLWithPath: prefix.first ?? "/bin/sh")
        server.arguments = Array(prefix.dropFirst()) + (prefix.isEmpty ? [] : ["/bin/sh"]) + ["-c", script]
        server.standardInput = FileHandle.nullDevice
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        let location = try PostgresLocation(url: "postgres://eligtest@127.0.0.1:\(port)/postgres")
        let deadline = Date().addingTimeInterval(30)
        while true {
            do {
                let connection = try await PostgresConnection.connect(configuration: try location.connectionConfiguration(), id: 1,
                                                                      logger: Logger(label: "test"))
                try await connection.close()
                return .server(location, certificate: certificate)
            } catch {
                guard Date() < deadline, server.isRunning else {
                    let log = (try? String(contentsOfFile: "\(folder)/postgres.log", encoding: .utf8)) ?? ""
                    throw Unavailable(description: "the test cluster did not start: \(PostgresFailure.describe(error)) \(log)")
                }
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    /// A self-signed certificate for localhost and 127.0.0.1 and its key (readable by the
    /// cluster's user only), or nil without openssl.
    private static func makeCertificate(in folder: String, owner: passwd?) -> String? {
        let certificate = "\(folder)/server.pem", key = "\(folder)/server.key"
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"),
              let made = try? run(["/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                                   "-keyout", key, "-out", certificate, "-subj", "/CN=localhost",
                                   "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"]),
              made.status == 0 else { return nil }
        chmod(key, 0o600)
        if let owner {
            chown(key, owner.pw_uid, owner.pw_gid)
            chown(certificate, owner.pw_uid, owner.pw_gid)
        }
        return certificate
    }

    private static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: "/tmp")
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    private static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

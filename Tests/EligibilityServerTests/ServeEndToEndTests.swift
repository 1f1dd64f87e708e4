import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The real binary: `eligcheck serve` on a free port, called over HTTP, stopped by SIGTERM.
@Suite(.serialized) struct ServeEndToEndTests {
    /// A running `eligcheck serve`, its port read from its first log line.
    final class Server {
        let process = Process()
        let errors = Pipe()
        var port = 0
        var log = ""

        /// The workspace's case database, in a folder of its own.
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("eligcheck-serve-\(UUID().uuidString)")

        init(_ arguments: [String]) throws {
            process.executableURL = URL(fileURLWithPath: ServerBinary.path)
            process.arguments = ["serve", "--port", "0", "--db", db.appendingPathComponent("cases.sqlite").path] + arguments
            process.currentDirectoryURL = ServerFixture.root
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let handle = errors.fileHandleForReading
            while port == 0 {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                log += String(decoding: chunk, as: UTF8.self)
                if let range = log.range(of: #"listening on 127\.0\.0\.1:[0-9]+"#, options: .regularExpression) {
                    port = Int(log[range].split(separator: ":").last ?? "") ?? 0
                }
            }
        }

        /// Reads the log until `text` appears in it (or the process ends).
        func waitForLog(_ text: String) {
            let handle = errors.fileHandleForReading
            while !log.contains(text) {
                let chunk = handle.availableData
                if chunk.isEmpty { return }
                log += String(decoding: chunk, as: UTF8.self)
            }
        }

        /// Sends `signal` and waits for the process to end; the rest of its log.
        func stop(_ signal: Int32 = SIGTERM) -> (Int32, String) {
            kill(process.processIdentifier, signal)
            let rest = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: db)
            return (process.terminationStatus, log + String(decoding: rest, as: UTF8.self))
        }

        func call(_ path: String, body: Data? = nil, contentType: String = "application/json") async throws -> (Int, String) {
            var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)\(path)")))
            if let body {
                request.httpMethod = "POST"
                request.httpBody = body
                request.setValue(contentType, forHTTPHeaderField: "Content-Type")
            }
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        }
    }

    @Test func servesCallsAndStopsGracefully() async throws {
        let server = try Server(["--rules", "rules"])
        #expect(server.port > 0, "no port in: \(server.log)")
        let version = ServerFixture.engine.library.version
        let health = try await server.call("/healthz")
        #expect(health.0 == 200)
        #expect(health.1 == "{\"status\":\"ok\",\"rules\":\"\(version)\"}\n")

        let yaml = try String(contentsOf: ServerFixture.root.appendingPathComponent(CheckRoutesTests.example), encoding: .utf8)
        let check = try await server.call("/v1/check", body: Data(try PatientJSON.from(yaml: yaml).utf8))
        let cli = try ServerBinary.run(["check", CheckRoutesTests.example, "--format", "json", "--rules", "rules"])
        #expect(check.0 == 200)
        #expect(check.1 == cli.out)

        let cds = try Data(contentsOf: CDSHooksTests.fixtures.appendingPathComponent("se-order-select.json"))
        let cards = try await server.call("/cds-services/eligcheck-referral", body: cds)
        #expect(cards.0 == 200)
        // A random uuid names each card, for feedback.
        #expect(cards.1.range(of: #"^\{\n  "cards": \[\n    \{\n      "uuid": "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}",\n      "summary": "Help to find or change job: "#,
                                  options: .regularExpression) != nil, "\(cards.1.prefix(200))")

        let wrong = try await server.call("/v1/check", body: Data("{".utf8))
        #expect(wrong.0 == 400)
        #expect(wrong.1.contains("\"at\": \"body:1:2\""))

        let (status, log) = server.stop()
        #expect(status == 0)
        let lines = log.split(separator: "\n").filter { $0.contains(" request") && $0.contains("method=") }
        #expect(lines.count == 4, "\(log)")
        #expect(lines.allSatisfy { $0.contains("hb.request.id=") && $0.contains("ms=") && $0.contains("status=") })
        #expect(!log.contains("dk-ex-care-manager-not-booked"))
        #expect(!log.contains("Lindqvist"))
    }

    @Test func sighupReloadsAndRefusesABrokenRuleSet() async throws {
        let folder = try ReloadTests.copyOfRules()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try Server(["--rules", folder.path])
        #expect(server.port > 0, "no port in: \(server.log)")
        let before = try await server.call("/healthz").1
        let gp = folder.appendingPathComponent("dk/gp.yaml")
        let original = try String(contentsOf: gp, encoding: .utf8)
        try (original + "\n  this is: [not yaml\n").write(to: gp, atomically: true, encoding: .utf8)
        kill(server.process.processIdentifier, SIGHUP)
        // The reload reads the files after the signal: the broken file stays until it is refused.
        server.waitForLog("rules reload refused; the rules in force keep serving")
        #expect(try await server.call("/healthz").1 == before)
        try original.replacingOccurrences(of: "\nservices:", with: "\n# reloaded\nservices:").write(to: gp, atomically: true, encoding: .utf8)
        kill(server.process.processIdentifier, SIGHUP)
        var after = before
        for _ in 0..<100 where after == before {
            try await Task.sleep(for: .milliseconds(100))
            after = try await server.call("/healthz").1
        }
        #expect(after != before)
        let (status, log) = server.stop(SIGINT)
        #expect(status == 0)
        let refused = try #require(log.range(of: #"rules reload refused: [^ ]*/dk/gp\.yaml:[0-9]+:[0-9]+: error: "#, options: .regularExpression))
        let reloaded = try #require(log.range(of: "rules reloaded"))
        #expect(refused.lowerBound < reloaded.lowerBound)
        #expect(log.contains("rules reload refused; the rules in force keep serving"))
    }

    @Test func aSecondServerOnTheSameDatabaseDoesNotStart() async throws {
        let first = try Server([])
        #expect(first.port > 0)
        let database = first.db.appendingPathComponent("cases.sqlite").path
        let second = Process()
        second.executableURL = URL(fileURLWithPath: ServerBinary.path)
        second.arguments = ["serve", "--port", "0", "--db", database]
        second.currentDirectoryURL = ServerFixture.root
        let errors = Pipe()
        second.standardError = errors
        second.standardOutput = FileHandle.nullDevice
        try second.run()
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        second.waitUntilExit()
        #expect(second.terminationStatus == 2)
        #expect(log == """
            \(database): error: another eligcheck serve is using this case database (it holds \(database).lock); \
            two servers on one database would overwrite each other's evaluations: stop the other one, or give this one --db with another file

            """)
        // The first still answers; once it has stopped, the database can be served again.
        #expect(try await first.call("/healthz").0 == 200)
        _ = first.stop()
    }

    @Test func aBrokenOrderMapOrCountryStopsTheServerWithItsPlace() throws {
        let map = FileManager.default.temporaryDirectory.appendingPathComponent("order-map-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: map) }
        try "codes:\n  - {system: http://snomed.info/sct, code: \"183524004\", services: {DK: dk.psychiatry.visitaton}}\n"
            .write(to: map, atomically: true, encoding: .utf8)
        let run = try ServerBinary.run(["serve", "--port", "0", "--order-map", map.path])
        #expect(run.status == 2)
        #expect(run.err == """
        \(map.path):2:72: error: no service 'dk.psychiatry.visitaton' in the rules; did you mean 'dk.psychiatry.visitation'?
          - {system: http://snomed.info/sct, code: "183524004", services: {DK: dk.psychiatry.visitaton}}
                                                                               ^

        """)
        let country = try ServerBinary.run(["serve", "--port", "0", "--default-country", "DE"])
        #expect(country.status == 2)
        #expect(country.err == "error: --default-country must be DK, SE or NO; found 'DE'\n")
    }

    @Test func anotherAddressWithoutATokenDoesNotStart() throws {
        let run = try ServerBinary.run(["serve", "--host", "0.0.0.0", "--port", "0"])
        #expect(run.status == 2)
        #expect(run.err == "error: '0.0.0.0' is not a loopback address: patient data may leave this machine only with --token-file (a bearer token every request must carry)\n")
    }

    @Test("--io-threads: more event loops serve the same answers; none is refused with the reason")
    func ioThreads() async throws {
        let server = try Server(["--rules", "rules", "--io-threads", "3"])
        #expect(server.port > 0, "no port in: \(server.log)")
        let patient = try Data(contentsOf: ServerFixture.root.appendingPathComponent("bench/patient.json"))
        let answer = try await server.call("/v1/check", body: patient)
        #expect(answer.0 == 200)
        #expect(answer.1.hasPrefix("{\n  \"patient\": \"dk-ex-schizophrenia-no-consent\","))
        #expect(server.stop().0 == 0)

        let refused = try ServerBinary.run(["serve", "--port", "0", "--io-threads", "0"])
        #expect(refused.status == 2)
        #expect(refused.err == "error: --io-threads must be between 1 and 64; found 0\n")
    }
}

import Eligibility
import EligibilityServer
@testable import EligibilityWorkspace
import Foundation
import Hummingbird
import Logging

/// The test rules (a Swedish trap in miniature), optionally with the financial-aid income
/// limit changed: the "new rules" of the re-evaluation tests.
enum TestRules {
    static func engine(incomeLimit: Int = 100_000) throws -> Engine {
        let source = Bundle.module.url(forResource: "Fixtures/rules", withExtension: nil)!
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["common.yaml", "se.yaml"] {
            var text = try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
            text = text.replacingOccurrences(of: "at_most: 100000", with: "at_most: \(incomeLimit)")
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return try Engine(rules: [folder.path])
    }
}

/// A database path in a folder that does not exist yet.
func temporaryDatabasePath() -> String {
    FileManager.default.temporaryDirectory
        .appendingPathComponent("workspace-\(UUID().uuidString)/data/cases.sqlite").path
}

func facts(_ values: [String: JSONValue]) -> CaseFacts { CaseFacts(values: values) }

/// A Swedish patient on sick leave from a steady job, with an income.
func trapFacts(income: Int) -> CaseFacts {
    facts(["jurisdiction": .string("SE"), "age": .integer(47), "employment.status": .string("sick_leave"),
           "employment.steady_job": .bool(true), "income.annual": .integer(income)])
}

/// A router with the workspace's routes, over a fresh SQLite database or `store`.
func workspaceRouter(store: (any CaseRecords)? = nil,
                     logger: Logger = Logger(label: "test")) throws -> (Router<BasicRequestContext>, CaseService) {
    let service = CaseService(store: try store ?? CaseStore(path: temporaryDatabasePath()), engine: try TestRules.engine(),
                              logger: logger)
    let router = Router()
    router.addRoutes(try Workspace(service: service).routes(context: BasicRequestContext.self))
    return (router, service)
}

extension Access {
    /// The workspace's one user without sign-in, calling from the test.
    static let test = Access(member: .local, origin: "test")
}

/// The router tests' context, whose requests come from "test".
extension BasicRequestContext: OriginRequestContext {
    public var origin: String { "test" }
}

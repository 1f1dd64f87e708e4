import ArgumentParser
import EligibilityWorkspace
import Foundation

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the workspace's access log: who read or changed which case, when and from where.",
        discussion: "Reads the case database directly (the server may be running). The log only grows: neither this command nor the server can change or delete its rows. Exit status: 0, or 2 when the database or an option is unusable.")

    @Option(help: ArgumentHelp("The workspace's case database: the SQLite file or the postgres:// URL `eligcheck serve --db` uses.", valueName: "PATH|URL"))
    var db = CaseStore.defaultPath

    @Option(name: .customLong("case"), help: ArgumentHelp("Only the rows of this case.", valueName: "ID"))
    var caseId: Int64?

    @Option(help: ArgumentHelp("Only the rows of this member (their subject at the identity provider, or their name).", valueName: "U"))
    var user: String?

    @Option(help: ArgumentHelp("Only rows from this day on (YYYY-MM-DD, UTC) or this moment (ISO 8601).", valueName: "D"))
    var since: String?

    @Option(help: ArgumentHelp("At most this many rows, the newest.", valueName: "N"))
    var limit = 1000

    @Option(help: "text (one row a line, oldest first) or json.")
    var format: Format = .text

    enum Format: String, ExpressibleByArgument { case text, json }

    func validate() throws {
        if let caseId, caseId < 1 { throw ValidationError("--case must be a case number (1 or more); found \(caseId)") }
        if limit < 1 { throw ValidationError("--limit must be 1 or more; found \(limit)") }
        if let since, !Self.isTime(since) {
            throw ValidationError("--since must be a date YYYY-MM-DD or a UTC time YYYY-MM-DDTHH:MM:SSZ; found '\(since)'")
        }
    }

    func run() async throws {
        guard PostgresLocation.isURL(db) || FileManager.default.fileExists(atPath: db) else {
            Terminal.error("\(db): error: no case database here (give --db the file `eligcheck serve --db` uses)")
            throw ExitCode(2)
        }
        let rows: [AccessEntry]
        do {
            let database = try await CaseDatabase.open(db, serving: false)
            do {
                rows = try await database.records.accessLog(AccessQuery(caseId: caseId, member: user, since: since, limit: limit))
            } catch {
                await database.close()
                throw error
            }
            await database.close()
        } catch {
            Terminal.error(CaseDatabase.describe(error))
            throw ExitCode(2)
        }
        switch format {
        case .text:
            for row in rows.reversed() {
                let what = row.caseId.map { "\(row.action.rawValue) case \($0)" } ?? row.action.rawValue
                print("\(row.at)  \(row.name) (\(row.subject))  \(what)  from \(row.origin)")
            }
        case .json:
            let objects: [[String: Any]] = rows.reversed().map { row in
                ["id": row.id, "at": row.at, "subject": row.subject, "name": row.name, "case": row.caseId as Any? ?? NSNull(),
                 "action": row.action.rawValue, "origin": row.origin]
            }
            let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }

    static func isTime(_ text: String) -> Bool {
        let day = #/^\d{4}-\d{2}-\d{2}$/#
        let moment = #/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/#
        return text.wholeMatch(of: day) != nil || text.wholeMatch(of: moment) != nil
    }
}

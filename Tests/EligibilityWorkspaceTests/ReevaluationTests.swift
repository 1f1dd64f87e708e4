import Eligibility
@testable import EligibilityWorkspace
import Testing

@Suite struct ReevaluationTests {
    @Test(arguments: StoreKind.allCases) func newRulesReevaluateEverySavedCaseAndNameThoseThatChangedStatus(_ kind: StoreKind) async throws {
        guard let open = try await kind.freshDatabase() else { return }
        let oldRules = try TestRules.engine(incomeLimit: 100_000)
        let service = CaseService(store: try await open(), engine: oldRules)
        let low = try await service.create(label: "low", facts: trapFacts(income: 50_000), by: .test)
        let middle = try await service.create(label: "middle", facts: trapFacts(income: 200_000), by: .test)
        let high = try await service.create(label: "high", facts: trapFacts(income: 340_000), by: .test)
        let rich = try await service.create(label: "rich", facts: trapFacts(income: 900_000), by: .test)
        #expect(Self.aid(middle) == .ineligible)
        #expect(Self.aid(low) == .eligible)

        let newRules = try TestRules.engine(incomeLimit: 400_000)
        #expect(newRules.library.version != oldRules.library.version)
        let changed = try await service.rulesChanged(to: newRules)
        #expect(changed == 2)

        let overview = try await service.overview()
        #expect(overview.rulesVersion == newRules.library.version)
        #expect(Set(overview.changedUnderCurrentRules.map(\.label)) == ["middle", "high"])
        let moved = try await service.fetch(id: high.id)
        #expect(moved.evaluation?.rulesVersion == newRules.library.version)
        #expect(Self.aid(moved) == .eligible)
        #expect(moved.statusChange == StatusChange(rulesVersion: newRules.library.version, entries: [
            .init(service: "se.municipality.financial_aid", title: "Financial aid", from: .ineligible, to: .eligible),
        ]))
        #expect(try await service.fetch(id: rich.id).statusChange == nil)
        #expect(try await service.fetch(id: low.id).evaluation?.rulesVersion == newRules.library.version)

        // A restart under the same rules changes nothing and keeps the notice.
        let restarted = CaseService(store: try await open(), engine: newRules)
        #expect(try await restarted.rulesChanged(to: newRules) == 0)
        #expect(try await restarted.overview().changedUnderCurrentRules.count == 2)

        // A restart under the old rules again moves the same two cases back.
        #expect(try await restarted.rulesChanged(to: oldRules) == 2)
        #expect(Self.aid(try await restarted.fetch(id: middle.id)) == .ineligible)
    }

    @Test(arguments: StoreKind.allCases) func aSaveAfterTheRulesChangedIsEvaluatedUnderTheNewRules(_ kind: StoreKind) async throws {
        guard let service = try await kind.freshService() else { return }
        let created = try await service.create(label: "c", facts: trapFacts(income: 200_000), by: .test)
        let newRules = try TestRules.engine(incomeLimit: 400_000)
        try await service.rulesChanged(to: newRules)
        let saved = try await service.save(id: created.id, version: 1, label: "c", facts: trapFacts(income: 300_000), by: .test)
        #expect(saved.evaluation?.rulesVersion == newRules.library.version)
        #expect(Self.aid(saved) == .eligible)
    }

    @Test(arguments: StoreKind.allCases) func eachReloadOfTheRulesReevaluatesTheCases(_ kind: StoreKind) async throws {
        guard let service = try await kind.freshService() else { return }
        let created = try await service.create(label: "c", facts: trapFacts(income: 200_000), by: .test)
        let newRules = try TestRules.engine(incomeLimit: 400_000)
        let (reloads, continuation) = AsyncStream.makeStream(of: Engine.self)
        continuation.yield(newRules)
        continuation.finish()
        await service.follow(reloads)
        let moved = try await service.fetch(id: created.id)
        #expect(moved.statusChange?.rulesVersion == newRules.library.version)
        #expect(Self.aid(moved) == .eligible)
        #expect(service.engine.library.version == newRules.library.version)
    }

    static func aid(_ stored: StoredCase) -> Status? {
        stored.evaluation?.statuses.first { $0.id == "se.municipality.financial_aid" }?.status
    }
}

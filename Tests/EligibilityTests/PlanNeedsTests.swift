import Testing
@testable import Eligibility

/// A plan's needed items: what is needed, what each item enables (in index order, each
/// once), and two plans merged.
@Suite struct PlanNeedsTests {
    @Test func needsEnablesAndMerges() {
        var plan = PlanNeeds()
        #expect(plan.items.isEmpty && plan.enabled(by: 5) == nil)
        plan.need(5)
        plan.need(70, enabling: 5)
        plan.need(70, enabling: 129)
        plan.need(70, enabling: 0)
        plan.need(70, enabling: 5)
        #expect(plan.items == [5, 70])
        #expect(plan.enabled(by: 5) == [])
        #expect(plan.enabled(by: 70) == [0, 5, 129])
        #expect(plan.enabled(by: 0) == nil && !plan.needs(0))

        var other = PlanNeeds()
        other.need(70, enabling: 64)
        other.need(128, enabling: 63)
        plan.merge(other)
        #expect(plan.items == [5, 70, 128])
        #expect(plan.enabled(by: 70) == [0, 5, 64, 129])
        #expect(plan.enabled(by: 128) == [63])
        #expect(other.items == [70, 128], "the merged plan is left as it was")
    }
}

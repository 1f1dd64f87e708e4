import Testing
@testable import Eligibility

/// Issue 25: a rule library beyond the documented limits is refused at load (so by `lint`,
/// `check` and a server's reload alike) with a located message, before any of it is
/// worked out; one at the limits loads.
@Suite("Rule libraries: size limits")
struct RuleLibraryLimitsTests {
    let header = """
    ruleset: test.agency
    agency: Test agency
    jurisdiction: DK
    version: "1"
    valid_from: 2020-01-01
    services:

    """

    /// `count` services, service i requiring service i+1 and the last the first when
    /// `circle` is set: one circle of `count` waiting services.
    func services(_ count: Int, circle: Bool) -> String {
        var text = header
        for i in 0..<count {
            text += """
              dk.s\(i):
                title: S\(i)
                because: b
                source: law
                criteria: {fact: age, at_least: 18}

            """
            if circle {
                text += "    requires: [{service: dk.s\((i + 1) % count), because: b, source: law}]\n"
            }
        }
        return text
    }

    func problems(_ agency: String) -> [String] {
        Fixture.problems { _ = try Fixture.library(["common.yaml": Fixture.common, "agency.yaml": agency]) }
    }

    @Test("A circle of 50 waiting services loads; one of 51 is refused once, at its first service's requirement")
    func circles() throws {
        #expect(problems(services(RuleLibraryLimits.servicesWaitingInACircle, circle: true)) == [])
        let found = problems(services(RuleLibraryLimits.servicesWaitingInACircle + 1, circle: true))
        #expect(found == [
            "agency.yaml:12:26: error: 51 services wait for each other through their requirements ('dk.s0', 'dk.s1', 'dk.s2', ...); "
                + "a circle of waiting services may hold at most 50\n    requires: [{service: dk.s1, because: b, source: law}]\n                         ^",
        ])
    }

    @Test("The 5,001st service is refused at its own line")
    func tooManyServices() {
        let found = problems(services(RuleLibraryLimits.services + 1, circle: false))
        // Each service takes 5 lines after the 6-line header: the 5,001st starts at line 25,007.
        #expect(found == [
            "agency.yaml:25007:3: error: too many services: a rule library may hold at most 5000; this is one more\n  dk.s5000:\n  ^",
        ])
        #expect(problems(services(RuleLibraryLimits.services, circle: false)) == [])
    }

    @Test("Groups of services waiting for each other, found without recursion")
    func stronglyConnected() {
        // 0 -> 1 -> 2 -> 0 is one group; 3 -> 4 -> 3 another; 5 alone; 2 -> 3 links them one way.
        let groups = StronglyConnected(edges: [[1], [2], [0, 3], [4], [3], [5]]).groups
        #expect(Set(groups.map { Set($0) }) == [[0, 1, 2], [3, 4]])
        // A chain of 200,000 nodes closed into one circle: deeper than any call stack.
        let n = 200_000
        let circle = StronglyConnected(edges: (0..<n).map { [($0 + 1) % n] }).groups
        #expect(circle.count == 1 && circle.first?.count == n)
    }
}

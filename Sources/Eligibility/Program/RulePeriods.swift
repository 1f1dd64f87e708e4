/// The periods a rule library's dated criteria cut time into, each with its program: on
/// any day of a period the same criteria are in force. A library without dated criteria
/// has one period and one program. Every program shares one vocabulary and numbers the
/// same facts and items alike, so a patient read once is evaluated under any of them.
package struct RulePeriods: Sendable {
    /// The first day of every period but the first (which has no start).
    package let starts: [Day]
    package let programs: [Program]

    package init(_ library: RuleLibrary, vocabulary: Vocabulary? = nil) {
        let shared = vocabulary ?? ((try? Vocabulary([library])) ?? Vocabulary.empty)
        starts = library.criterionBoundaries
        if starts.isEmpty {
            programs = [Program(library, vocabulary: shared)]
        } else {
            // The first period ends the day before the first start; each other begins at its start.
            let firstDays = [Day(ordinal: starts[0].ordinal - 1)] + starts
            programs = firstDays.map { Program(library.inForce(on: $0), vocabulary: shared) }
        }
    }

    /// The period `day` falls in.
    package func period(of day: Day) -> Int {
        var low = 0, high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] <= day { low = mid + 1 } else { high = mid }
        }
        return low
    }

    package func program(on day: Day) -> Program { programs[period(of: day)] }

    /// The program whose facts, items and vocabulary every period shares.
    package var layout: Program { programs[0] }
}

/// Two cohort evaluators in memory of their own, read and changed through a pointer.
final class EvaluatorPair {
    let pointer: UnsafeMutablePointer<CohortEvaluator>

    init(_ first: CohortEvaluator, _ second: CohortEvaluator) {
        pointer = .allocate(capacity: 2)
        pointer.initialize(to: first)
        (pointer + 1).initialize(to: second)
    }

    deinit {
        pointer.deinitialize(count: 2)
        pointer.deallocate()
    }
}
